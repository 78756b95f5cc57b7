import { applyTwilioStatus } from "@/server/calls/apply-twilio-status";
import { log } from "@/server/log";
import { verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/** Twilio's call status callback. Always 204 once verified, so Twilio does not retry what we ignore. */
export async function POST(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) return verified.response;
  const { CallSid = "", CallStatus = "", CallDuration } = verified.params;
  const duration = CallDuration && /^\d+$/.test(CallDuration) ? Number(CallDuration) : null;
  const outcome = await applyTwilioStatus(CallSid, CallStatus, duration);
  if (!outcome.applied) log.info({ callSid: CallSid, reason: outcome.reason }, "Twilio status callback ignored");
  return new Response(null, { status: 204 });
}
