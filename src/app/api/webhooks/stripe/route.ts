import { receiveStripeEvent } from "@/server/billing/receive-stripe-event";
import { verifyStripeEvent } from "@/server/billing/verify-stripe-event";
import { getConfig } from "@/server/config";
import { jsonError } from "@/server/http/error-response";
import { json } from "@/server/http/json";
import { observed } from "@/server/http/observe-request";
import { BODY_LIMITS, PayloadTooLargeError, readBodyText } from "@/server/http/read-body";
import { describeError, log } from "@/server/log";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhook endpoint. The raw body is verified with stripe.webhooks.constructEvent (300 s
 * tolerance): forged, stale or unsigned → 400 and nothing written. A verified event is recorded
 * once and its customer's sync enqueued in one transaction; the answer is 200 at once.
 */
export const POST = observed("/api/webhooks/stripe", receive);

async function receive(req: Request) {
  const { billing } = getConfig();
  if (!billing.enabled || !billing.webhookSecret) {
    await req.body?.cancel().catch(() => undefined);
    return jsonError("not_found", "Billing is not configured for this installation.");
  }
  const signature = req.headers.get("stripe-signature");
  if (!signature) {
    countWebhookMessage("stripe", "refused");
    await req.body?.cancel().catch(() => undefined);
    return jsonError("malformed_request", "Missing Stripe-Signature header.");
  }
  let body: string;
  try {
    body = await readBodyText(req, BODY_LIMITS.stripeWebhook);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    countWebhookMessage("stripe", "invalid");
    return jsonError(error.code, error.message, error.details);
  }
  const verified = verifyStripeEvent(body, signature, billing.webhookSecret);
  if (!verified.ok) {
    countWebhookMessage("stripe", "refused");
    log.warn({ reason: verified.reason }, "Stripe webhook refused");
    return jsonError("malformed_request", verified.reason);
  }
  try {
    const outcome = await receiveStripeEvent(verified.event);
    countWebhookMessage("stripe", "handled");
    return json({ received: true, outcome });
  } catch (error) {
    countWebhookMessage("stripe", "failed");
    log.error({ eventId: verified.event.id, type: verified.event.type, err: describeError(error) }, "Stripe event failed");
    return jsonError("internal", "Could not record the event; please retry.");
  }
}
