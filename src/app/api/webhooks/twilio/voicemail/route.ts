import { transferQuery, voicemailCallbackParams } from "@/providers/twilio/callback-params";
import { VoiceResponse } from "@/providers/twilio/twiml";
import { recordVoicemail } from "@/server/calls/record-voicemail";
import { observed } from "@/server/http/observe-request";
import { describeError, log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { twimlResponse, verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/**
 * Where Twilio posts the message a caller recorded after the fallback apology. Once verified, the
 * caller always hears the goodbye: a form without a real CallSid or usable RecordingUrl stores
 * nothing, and a database that is down is logged, not answered with an error.
 */
export const POST = observed("/api/webhooks/twilio/voicemail", receiveVoicemail);

async function receiveVoicemail(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage("twilio_voicemail", "refused");
    return verified.response;
  }
  const parsed = voicemailCallbackParams.safeParse(verified.params);
  const callSid = parsed.success ? parsed.data.CallSid : undefined;
  const recordingUrl = parsed.success ? parsed.data.RecordingUrl : undefined;
  bindCallToLogContext({ callSid });
  countWebhookMessage("twilio_voicemail", recordingUrl ? "recorded" : parsed.success ? "empty" : "invalid");
  if (callSid && recordingUrl) {
    try {
      // After an unanswered transfer the recording action names the transfer (its reason files the message).
      const transferId = transferQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams)).data?.transfer;
      const voicemail = {
        callSid,
        recordingUrl,
        recordingSid: parsed.data?.RecordingSid,
        durationSeconds: parsed.data?.RecordingDuration,
        transferId,
      };
      if (!(await recordVoicemail(voicemail))) log.warn({ callSid }, "voicemail for an unknown call");
    } catch (error) {
      log.error({ callSid, err: describeError(error) }, "voicemail not stored");
    }
  }
  const response = new VoiceResponse();
  response.say({ language: "en-US" }, "Thank you. The clinic will get back to you. Goodbye.");
  response.say({ language: "ru-RU" }, "Спасибо. Клиника свяжется с вами. До свидания.");
  response.hangup();
  return twimlResponse(response.toString());
}
