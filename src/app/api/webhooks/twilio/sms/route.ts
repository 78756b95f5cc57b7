import { callbackProblem, inboundSmsParams } from "@/providers/twilio/callback-params";
import { observed } from "@/server/http/observe-request";
import { describeError, log } from "@/server/log";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { receiveInboundSms } from "@/server/sms/receive-inbound-sms";
import { twimlResponse, verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/**
 * Twilio's incoming-message webhook (a patient's text to the clinic's number or Messaging
 * Service). Verified like the voice webhook; answers an empty messaging `<Response/>` (no
 * automatic reply: confirmations go through the outbox) once verified, 400 for a form without a
 * real MessageSid. A store failure is a 500 so that Twilio retries (MessageSid makes it idempotent).
 */
export const POST = observed("/api/webhooks/twilio/sms", receive);

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

async function receive(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage("twilio_sms", "refused");
    return verified.response;
  }
  const parsed = inboundSmsParams.safeParse(verified.params);
  if (!parsed.success) {
    countWebhookMessage("twilio_sms", "invalid");
    return new Response(callbackProblem(parsed.error), { status: 400, headers: { "content-type": "text/plain" } });
  }
  const p = parsed.data;
  try {
    const outcome = await receiveInboundSms(
      {
        messageSid: p.MessageSid,
        from: p.From,
        to: p.To,
        body: p.Body,
        messagingServiceSid: p.MessagingServiceSid,
        optOutType: p.OptOutType,
      },
      new Date(),
    );
    countWebhookMessage("twilio_sms", outcome === "unknown_clinic" || outcome === "duplicate" ? "ignored" : "applied");
    log.info({ messageSid: p.MessageSid, outcome }, "incoming text");
  } catch (error) {
    countWebhookMessage("twilio_sms", "failed");
    log.error({ messageSid: p.MessageSid, err: describeError(error) }, "incoming text not stored");
    return new Response("not stored; retry", { status: 500, headers: { "content-type": "text/plain" } });
  }
  return twimlResponse(EMPTY);
}
