import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/config/env";

const problemsOf = (env: Record<string, string>) => {
  const result = parseEnv(env);
  return result.ok ? [] : result.problems.map((p) => p.variable);
};

describe("billing configuration", () => {
  it("is off without STRIPE_SECRET_KEY, with the documented defaults", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.billing).toMatchObject({
      enabled: false,
      metered: undefined,
      api: { protocol: "https", host: "api.stripe.com", port: 443 },
      includedMinutes: 500,
      trialDays: 14,
      graceDays: 7,
    });
  });

  it("turns on with a key, a webhook secret and a price, and points the client at STRIPE_API_URL", () => {
    const result = parseEnv({
      STRIPE_SECRET_KEY: "sk_test_abcdefgh1234",
      STRIPE_WEBHOOK_SECRET: "whsec_abcdefgh1234",
      STRIPE_PRICE_ID: "price_plan",
      STRIPE_METERED_PRICE_ID: "price_minutes",
      STRIPE_METER_EVENT_NAME: "call_minutes",
      STRIPE_API_URL: "http://127.0.0.1:12111",
      BILLING_TRIAL_DAYS: "0",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.billing).toMatchObject({
      enabled: true,
      priceId: "price_plan",
      metered: { priceId: "price_minutes", eventName: "call_minutes" },
      api: { protocol: "http", host: "127.0.0.1", port: 12111 },
      trialDays: 0,
    });
  });

  it("names every missing or malformed billing variable", () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: "sk_test_abcdefgh1234" })).toEqual(["STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_ID"]);
    expect(problemsOf({ STRIPE_METERED_PRICE_ID: "price_x" })).toEqual(["STRIPE_METER_EVENT_NAME"]);
    expect(problemsOf({ STRIPE_SECRET_KEY: "pk_test_publishable" })).toEqual(["STRIPE_SECRET_KEY"]);
    expect(problemsOf({ STRIPE_WEBHOOK_SECRET: "whsec_has space" })).toEqual(["STRIPE_WEBHOOK_SECRET"]);
    expect(problemsOf({ STRIPE_API_URL: "http://127.0.0.1:1/v1" })).toEqual(["STRIPE_API_URL"]);
    expect(problemsOf({ BILLING_TRIAL_DAYS: "-1", BILLING_GRACE_DAYS: "1e9", BILLING_INCLUDED_MINUTES: "1.5" })).toEqual([
      "BILLING_INCLUDED_MINUTES",
      "BILLING_TRIAL_DAYS",
      "BILLING_GRACE_DAYS",
    ]);
  });
});
