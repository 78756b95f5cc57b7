import Stripe from "stripe";
import { providerEpochSeconds } from "@/providers/provider-values";

/** Stripe's own default: an event signed more than 5 minutes ago is refused (replays). */
const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

const verifier = new Stripe("sk_verify_only_no_requests");

/**
 * The raw body and its Stripe-Signature header, checked with stripe.webhooks.constructEvent
 * (HMAC-SHA256 over "<t>.<body>", any matching v1, timestamp within 300 s of `receivedAt`); then
 * the event's id (evt_...), type (dotted words) and `created` (whole seconds, 2000-2100) must be
 * what Stripe sends, or it is refused like a bad signature (400, nothing stored).
 */
export function verifyStripeEvent(
  body: string,
  signature: string,
  secret: string,
  receivedAt?: number,
): { ok: true; event: Stripe.Event } | { ok: false; reason: string } {
  try {
    const event = verifier.webhooks.constructEvent(body, signature, secret, STRIPE_SIGNATURE_TOLERANCE_SECONDS, undefined, receivedAt);
    if (
      typeof event?.id !== "string" ||
      !/^evt_[A-Za-z0-9_]{1,250}$/.test(event.id) ||
      typeof event.type !== "string" ||
      !/^[a-z0-9_.]{1,100}$/.test(event.type) ||
      // Stored with the event (to_timestamp): a number no timestamp holds is not a Stripe event.
      !providerEpochSeconds(event.created)
    ) {
      return { ok: false, reason: "The event is not a Stripe event." };
    }
    return { ok: true, event };
  } catch (error) {
    const message = (error as Error).message ?? "";
    return {
      ok: false,
      reason: /timestamp/i.test(message)
        ? "The signature's timestamp is outside the tolerance zone."
        : "The signature does not match the body.",
    };
  }
}
