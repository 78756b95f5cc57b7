import { VoiceResponse } from "@/providers/twilio/twiml";
import { recordVoicemail } from "@/server/calls/record-voicemail";
import { observed } from "@/server/http/observe-request";
import { log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { twimlResponse, verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/** Where Twilio posts the message a caller recorded after the fallback apology. */
export const POST = observed("/api/webhooks/twilio/voicemail", receiveVoicemail);

async function receiveVoicemail(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage("twilio_voicemail", "refused");
    return verified.response;
  }
  const { CallSid = "", RecordingUrl = "" } = verified.params;
  bindCallToLogContext({ callSid: CallSid });
  countWebhookMessage("twilio_voicemail", RecordingUrl ? "recorded" : "empty");
  if (RecordingUrl && !(await recordVoicemail(CallSid, RecordingUrl))) {
    log.warn({ callSid: CallSid }, "voicemail for an unknown call");
  }
  const response = new VoiceResponse();
  response.say({ language: "en-US" }, "Thank you. The clinic will get back to you. Goodbye.");
  response.say({ language: "ru-RU" }, "Спасибо. Клиника свяжется с вами. До свидания.");
  response.hangup();
  return twimlResponse(response.toString());
}
