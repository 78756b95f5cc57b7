import { z } from "zod";

/**
 * Billing's variables, merged into the app's environment schema (config/env.ts). Without
 * STRIPE_SECRET_KEY billing is off: every clinic is served and nothing is gated.
 */
const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const STRIPE_DEFAULT_API_URL = "https://api.stripe.com";

const days = (max: number) =>
  z.coerce
    .number({ message: `must be a whole number of days between 0 and ${max}` })
    .int({ message: `must be a whole number of days between 0 and ${max}` })
    .min(0, { message: `must be a whole number of days between 0 and ${max}` })
    .max(max, { message: `must be a whole number of days between 0 and ${max}` });

const stripeId = (prefix: string, example: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${prefix}[A-Za-z0-9_]{1,250}$`), { message: `must be a Stripe id starting with ${prefix} (e.g. ${example})` });

export const billingEnvShape = {
  STRIPE_SECRET_KEY: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .trim()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,250}$/, {
        message: "must be a Stripe secret or restricted key (sk_live_..., sk_test_...)",
      })
      .optional(),
  ),
  STRIPE_WEBHOOK_SECRET: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=_-]{8,250}$/, { message: "must be the endpoint's signing secret (whsec_..., no spaces)" })
      .optional(),
  ),
  STRIPE_PRICE_ID: z.preprocess(blankAsUndefined, stripeId("price_", "price_1Pabc").optional()),
  STRIPE_METERED_PRICE_ID: z.preprocess(blankAsUndefined, stripeId("price_", "price_1Pabc").optional()),
  STRIPE_METER_EVENT_NAME: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9_]{1,100}$/, { message: "must be the meter's event name: lower-case letters, digits and _ (e.g. call_minutes)" })
      .optional(),
  ),
  STRIPE_API_URL: z.preprocess(
    blankAsUndefined,
    z
      .url({ protocol: /^https?$/, message: "must be an http(s) origin such as https://api.stripe.com" })
      .refine((value) => ["", "/"].includes(new URL(value).pathname), { message: "must be an origin without a path" })
      .default(STRIPE_DEFAULT_API_URL),
  ),
  BILLING_INCLUDED_MINUTES: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ message: "must be a whole number of minutes between 0 and 1000000" })
      .int({ message: "must be a whole number of minutes between 0 and 1000000" })
      .min(0, { message: "must be a whole number of minutes between 0 and 1000000" })
      .max(1_000_000, { message: "must be a whole number of minutes between 0 and 1000000" })
      .default(500),
  ),
  BILLING_TRIAL_DAYS: z.preprocess(blankAsUndefined, days(730).default(14)),
  BILLING_GRACE_DAYS: z.preprocess(blankAsUndefined, days(60).default(7)),
};

type BillingEnv = {
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  STRIPE_PRICE_ID?: string;
  STRIPE_METERED_PRICE_ID?: string;
  STRIPE_METER_EVENT_NAME?: string;
  STRIPE_API_URL: string;
  BILLING_INCLUDED_MINUTES: number;
  BILLING_TRIAL_DAYS: number;
  BILLING_GRACE_DAYS: number;
};

export interface BillingConfig {
  /** False without STRIPE_SECRET_KEY: nothing is gated and the Billing page says so. */
  enabled: boolean;
  secretKey: string | undefined;
  webhookSecret: string | undefined;
  priceId: string | undefined;
  /** Both set, or neither: call minutes are reported to Stripe as meter events. */
  metered: { priceId: string; eventName: string } | undefined;
  /** Where the `stripe` package sends requests (its host, port and protocol options). */
  api: { protocol: "http" | "https"; host: string; port: number };
  includedMinutes: number;
  trialDays: number;
  graceDays: number;
}

export function billingEnvProblems(env: BillingEnv): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  if (env.STRIPE_SECRET_KEY) {
    if (!env.STRIPE_WEBHOOK_SECRET)
      problems.push({ variable: "STRIPE_WEBHOOK_SECRET", message: "is required with STRIPE_SECRET_KEY (it verifies Stripe's webhooks)" });
    if (!env.STRIPE_PRICE_ID)
      problems.push({ variable: "STRIPE_PRICE_ID", message: "is required with STRIPE_SECRET_KEY (the monthly plan clinics subscribe to)" });
  }
  if (Boolean(env.STRIPE_METERED_PRICE_ID) !== Boolean(env.STRIPE_METER_EVENT_NAME)) {
    const missing = env.STRIPE_METERED_PRICE_ID ? "STRIPE_METER_EVENT_NAME" : "STRIPE_METERED_PRICE_ID";
    problems.push({ variable: missing, message: "must be set together with the other metered-usage variable" });
  }
  return problems;
}

export function billingConfigFromEnv(env: BillingEnv): BillingConfig {
  const url = new URL(env.STRIPE_API_URL);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    enabled: Boolean(env.STRIPE_SECRET_KEY),
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    priceId: env.STRIPE_PRICE_ID,
    metered:
      env.STRIPE_METERED_PRICE_ID && env.STRIPE_METER_EVENT_NAME
        ? { priceId: env.STRIPE_METERED_PRICE_ID, eventName: env.STRIPE_METER_EVENT_NAME }
        : undefined,
    api: { protocol, host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port) || (protocol === "http" ? 80 : 443) },
    includedMinutes: env.BILLING_INCLUDED_MINUTES,
    trialDays: env.BILLING_TRIAL_DAYS,
    graceDays: env.BILLING_GRACE_DAYS,
  };
}
