/**
 * What a clinic's billing state means for its calls and its dashboard (pure; the incoming-call
 * path, the subscription status and the banners all read it).
 *
 * - Billing off: everything is served, no banner.
 * - No subscription (or one that never started: incomplete): served for BILLING_TRIAL_DAYS from
 *   the clinic's creation, then refused until it subscribes.
 * - trialing, active: served. past_due: served with a "payment failed" banner until
 *   BILLING_GRACE_DAYS after the first failed payment, then treated as unpaid.
 * - unpaid, canceled, incomplete_expired, paused: refused (callers hear the polite message and the
 *   clinic's transfer number); the dashboard stays readable and leads to Checkout.
 */

export interface CurrentSubscription {
  status: string;
  trialEnd: Date | null;
  pastDueSince: Date | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
}

export interface BillingAccessInput {
  enabled: boolean;
  now: Date;
  organisationCreatedAt: Date;
  trialDays: number;
  graceDays: number;
  subscription: CurrentSubscription | null;
}

export type AccessReason =
  | "billing_off"
  | "trial"
  | "trial_over"
  | "trialing"
  | "active"
  | "past_due"
  | "past_due_grace_over"
  | "unpaid"
  | "canceled"
  | "incomplete_expired"
  | "paused";

export type Banner = "none" | "trial_ending" | "payment_failed" | "service_stopped" | "cancels_at_period_end";

export interface BillingAccess {
  serve: boolean;
  reason: AccessReason;
  banner: Banner;
  /** The end of the free trial (the clinic's own before it subscribed, or Stripe's). */
  trialEndsAt: Date | null;
  /** past_due: when calls stop being answered. */
  graceEndsAt: Date | null;
}

const DAY_MS = 86_400_000;
/** Banners warn about a trial this close to its end. */
const TRIAL_ENDING_NOTICE_DAYS = 3;
const REFUSED = new Set(["unpaid", "canceled", "incomplete_expired", "paused"]);

export function decideBillingAccess(input: BillingAccessInput): BillingAccess {
  const { now, subscription } = input;
  if (!input.enabled) return { serve: true, reason: "billing_off", banner: "none", trialEndsAt: null, graceEndsAt: null };
  const status = subscription?.status;
  if (!subscription || !status || status === "incomplete" || !KNOWN.has(status)) {
    const trialEndsAt = new Date(input.organisationCreatedAt.getTime() + input.trialDays * DAY_MS);
    if (now < trialEndsAt)
      return {
        serve: true,
        reason: "trial",
        banner: endingSoon(trialEndsAt, now) ? "trial_ending" : "none",
        trialEndsAt,
        graceEndsAt: null,
      };
    return { serve: false, reason: "trial_over", banner: "service_stopped", trialEndsAt, graceEndsAt: null };
  }
  if (REFUSED.has(status)) {
    return {
      serve: false,
      reason: status as AccessReason,
      banner: "service_stopped",
      trialEndsAt: subscription.trialEnd,
      graceEndsAt: null,
    };
  }
  if (status === "past_due") {
    const since = subscription.pastDueSince ?? now;
    const graceEndsAt = new Date(since.getTime() + input.graceDays * DAY_MS);
    if (now < graceEndsAt)
      return { serve: true, reason: "past_due", banner: "payment_failed", trialEndsAt: subscription.trialEnd, graceEndsAt };
    return { serve: false, reason: "past_due_grace_over", banner: "service_stopped", trialEndsAt: subscription.trialEnd, graceEndsAt };
  }
  if (status === "trialing") {
    const ending = subscription.trialEnd && endingSoon(subscription.trialEnd, now);
    return {
      serve: true,
      reason: "trialing",
      banner: ending ? "trial_ending" : "none",
      trialEndsAt: subscription.trialEnd,
      graceEndsAt: null,
    };
  }
  return {
    serve: true,
    reason: "active",
    banner: subscription.cancelAtPeriodEnd ? "cancels_at_period_end" : "none",
    trialEndsAt: subscription.trialEnd,
    graceEndsAt: null,
  };
}

const KNOWN = new Set(["trialing", "active", "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "paused"]);

function endingSoon(end: Date, now: Date): boolean {
  return end.getTime() - now.getTime() <= TRIAL_ENDING_NOTICE_DAYS * DAY_MS;
}
