import { callbackProblem, smsStatusParams } from "@/providers/twilio/callback-params";
import { observed } from "@/server/http/observe-request";
import { describeError, log } from "@/server/log";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { recordSmsStatus } from "@/server/sms/record-sms-status";
import { twimlResponse, verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/** Twilio's message status callback: forward-only status with the error code; 200 once verified. */
export const POST = observed("/api/webhooks/twilio/sms/status", receive);

async function receive(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage("twilio_sms_status", "refused");
    return verified.response;
  }
  const parsed = smsStatusParams.safeParse(verified.params);
  if (!parsed.success) {
    countWebhookMessage("twilio_sms_status", "invalid");
    return new Response(callbackProblem(parsed.error), { status: 400, headers: { "content-type": "text/plain" } });
  }
  const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
  try {
    const applied = await recordSmsStatus(MessageSid, MessageStatus, ErrorCode, new Date());
    countWebhookMessage("twilio_sms_status", applied ? "applied" : "ignored");
  } catch (error) {
    countWebhookMessage("twilio_sms_status", "failed");
    log.error({ messageSid: MessageSid, err: describeError(error) }, "text status not stored");
  }
  return twimlResponse('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
}
