import { callbackProblem, transcriptionCallbackParams } from "@/providers/twilio/callback-params";
import { recordTranscription } from "@/server/calls/record-transcription";
import { observed } from "@/server/http/observe-request";
import { describeError, log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/**
 * Where Twilio posts a voicemail's transcription (`<Record transcribeCallback>`). Verified like
 * every Twilio webhook (403 otherwise); a form that is not a transcription callback → 400; else
 * stored once on the voicemail's message (recordTranscription) and answered 204 (a database
 * failure is logged, not answered with an error: Twilio does not deliver it again).
 */
export const POST = observed("/api/webhooks/twilio/transcription", receiveTranscription);

async function receiveTranscription(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage("twilio_transcription", "refused");
    return verified.response;
  }
  const parsed = transcriptionCallbackParams.safeParse(verified.params);
  if (!parsed.success) {
    countWebhookMessage("twilio_transcription", "invalid");
    log.warn({ problem: callbackProblem(parsed.error) }, "transcription callback refused");
    return new Response(callbackProblem(parsed.error), { status: 400, headers: { "content-type": "text/plain" } });
  }
  bindCallToLogContext({ callSid: parsed.data.CallSid });
  try {
    const outcome = await recordTranscription({
      callSid: parsed.data.CallSid,
      recordingSid: parsed.data.RecordingSid,
      transcriptionSid: parsed.data.TranscriptionSid,
      status: parsed.data.TranscriptionStatus,
      text: parsed.data.TranscriptionText,
    });
    countWebhookMessage("twilio_transcription", outcome);
    if (outcome === "unknown") log.warn({ callSid: parsed.data.CallSid }, "transcription for no known voicemail");
  } catch (error) {
    countWebhookMessage("twilio_transcription", "failed");
    log.error({ callSid: parsed.data.CallSid, err: describeError(error) }, "transcription not stored");
  }
  return new Response(null, { status: 204 });
}
