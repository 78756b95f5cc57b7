import { callbackProblem, statusCallbackParams } from "@/providers/twilio/callback-params";
import { VoiceResponse } from "@/providers/twilio/twiml";
import { applyTwilioStatus } from "@/server/calls/apply-twilio-status";
import { observed } from "@/server/http/observe-request";
import { describeError, log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { twimlResponse, verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/**
 * Twilio's call status callback. Once verified it answers 200 with an empty TwiML `<Response/>`
 * whatever happens (ignored status, unknown call, database down), so Twilio does not retry what
 * we ignore or could not store; 400 for a form without a real CallSid.
 */
export const POST = observed("/api/webhooks/twilio/status", receiveStatus);

async function receiveStatus(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage("twilio_status", "refused");
    return verified.response;
  }
  const parsed = statusCallbackParams.safeParse(verified.params);
  if (!parsed.success) {
    countWebhookMessage("twilio_status", "invalid");
    return new Response(callbackProblem(parsed.error), { status: 400, headers: { "content-type": "text/plain" } });
  }
  const { CallSid, CallStatus, CallDuration } = parsed.data;
  bindCallToLogContext({ callSid: CallSid });
  try {
    const outcome = await applyTwilioStatus(CallSid, CallStatus, CallDuration ?? null);
    countWebhookMessage("twilio_status", outcome.applied ? "applied" : "ignored");
    if (!outcome.applied) log.info({ callSid: CallSid, reason: outcome.reason }, "Twilio status callback ignored");
  } catch (error) {
    countWebhookMessage("twilio_status", "failed");
    log.error({ callSid: CallSid, err: describeError(error) }, "Twilio status callback not stored");
  }
  return twimlResponse(new VoiceResponse().toString());
}
