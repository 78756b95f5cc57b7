import { applyTwilioStatus } from "@/server/calls/apply-twilio-status";
import { observed } from "@/server/http/observe-request";
import { log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/** Twilio's call status callback. Always 204 once verified, so Twilio does not retry what we ignore. */
export const POST = observed("/api/webhooks/twilio/status", receiveStatus);

async function receiveStatus(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage("twilio_status", "refused");
    return verified.response;
  }
  const { CallSid = "", CallStatus = "", CallDuration } = verified.params;
  bindCallToLogContext({ callSid: CallSid });
  const duration = CallDuration && /^\d+$/.test(CallDuration) ? Number(CallDuration) : null;
  const outcome = await applyTwilioStatus(CallSid, CallStatus, duration);
  countWebhookMessage("twilio_status", outcome.applied ? "applied" : "ignored");
  if (!outcome.applied) log.info({ callSid: CallSid, reason: outcome.reason }, "Twilio status callback ignored");
  return new Response(null, { status: 204 });
}
