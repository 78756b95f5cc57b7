import { describe, expect, it } from "vitest";
import { type BillingAccessInput, decideBillingAccess } from "@/server/billing/billing-access";

const DAY = 86_400_000;
const now = new Date("2026-12-06T12:00:00Z");
const base: BillingAccessInput = {
  enabled: true,
  now,
  organisationCreatedAt: new Date(now.getTime() - 2 * DAY),
  trialDays: 14,
  graceDays: 7,
  subscription: null,
};
const sub = (status: string, extra: Partial<NonNullable<BillingAccessInput["subscription"]>> = {}) => ({
  ...base,
  subscription: { status, trialEnd: null, pastDueSince: null, cancelAtPeriodEnd: false, currentPeriodEnd: null, ...extra },
});

describe("what billing means for calls", () => {
  it("serves everything when billing is off", () => {
    expect(decideBillingAccess({ ...sub("canceled"), enabled: false })).toMatchObject({
      serve: true,
      reason: "billing_off",
      banner: "none",
    });
  });

  it("serves a new clinic for the trial days from its creation, warns in the last three, then refuses", () => {
    expect(decideBillingAccess(base)).toMatchObject({ serve: true, reason: "trial", banner: "none" });
    expect(decideBillingAccess({ ...base, organisationCreatedAt: new Date(now.getTime() - 12 * DAY) })).toMatchObject({
      serve: true,
      banner: "trial_ending",
    });
    expect(decideBillingAccess({ ...base, organisationCreatedAt: new Date(now.getTime() - 14 * DAY) })).toMatchObject({
      serve: false,
      reason: "trial_over",
      banner: "service_stopped",
    });
    // A Checkout that never completed (incomplete) is no subscription yet.
    expect(decideBillingAccess({ ...sub("incomplete"), organisationCreatedAt: new Date(now.getTime() - 20 * DAY) })).toMatchObject({
      serve: false,
      reason: "trial_over",
    });
  });

  it("serves trialing and active, past_due within the grace period with a banner, and refuses after it", () => {
    expect(decideBillingAccess(sub("active"))).toMatchObject({ serve: true, reason: "active", banner: "none" });
    expect(decideBillingAccess(sub("active", { cancelAtPeriodEnd: true }))).toMatchObject({ serve: true, banner: "cancels_at_period_end" });
    expect(decideBillingAccess(sub("trialing", { trialEnd: new Date(now.getTime() + 2 * DAY) }))).toMatchObject({
      serve: true,
      banner: "trial_ending",
    });
    const within = decideBillingAccess(sub("past_due", { pastDueSince: new Date(now.getTime() - 6 * DAY) }));
    expect(within).toMatchObject({ serve: true, reason: "past_due", banner: "payment_failed" });
    expect(within.graceEndsAt).toEqual(new Date(now.getTime() + DAY));
    expect(decideBillingAccess(sub("past_due", { pastDueSince: new Date(now.getTime() - 7 * DAY) }))).toMatchObject({
      serve: false,
      reason: "past_due_grace_over",
    });
  });

  it.each(["unpaid", "canceled", "incomplete_expired", "paused"])("refuses %s", (status) => {
    expect(decideBillingAccess(sub(status))).toMatchObject({ serve: false, reason: status, banner: "service_stopped" });
  });
});
