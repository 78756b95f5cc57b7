import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as stripeWebhookRoute from "@/app/api/webhooks/stripe/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import { emulatedPrices, startStripeEmulator } from "@/providers/stripe/emulator";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { ensureStripeCustomer } from "@/server/billing/ensure-customer";
import { syncStripeCustomer } from "@/server/billing/sync-customer";
import { callRouting, calls } from "@/server/db/schema";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";

/**
 * What billing does to calls, through the real Twilio webhook: a clinic past its trial with no
 * subscription is refused politely with its first staff number; a failed payment keeps calls answered
 * during the grace period, refuses them after it, and a paid retry brings the assistant back.
 */
const TWILIO_TOKEN = "twilio-billing-auth-token";
const VAPI_KEY = "vapi-billing-key";
const KEY = "sk_test_billingcalls12";
const SECRET = "whsec_billingcalls12";
const DAY = 86_400_000;
const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
const stripe = await startStripeEmulator({ apiKey: KEY, prices: emulatedPrices({ id: "price_plan" }) });
const app = await startRouteServer({ "/api/webhooks/twilio": twilioRoute.POST, "/api/webhooks/stripe": stripeWebhookRoute.POST });
afterAll(async () => {
  await Promise.all([vapi.close(), stripe.close(), app.close()]);
});
const test = useTestApp({
  env: () => ({
    PUBLIC_BASE_URL: app.url,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: VAPI_KEY,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: "vapi-webhook-secret-for-billing",
    VAPI_PHONE_NUMBER_ID: "vapi-default-number",
    VAPI_CALL_TIMEOUT_MS: "12000",
    STRIPE_SECRET_KEY: KEY,
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_PRICE_ID: "price_plan",
    STRIPE_API_URL: stripe.url,
    BILLING_TRIAL_DAYS: "14",
    BILLING_GRACE_DAYS: "7",
    DEMO: "0",
  }),
});
beforeAll(() => stripe.setWebhookEndpoint(undefined));

async function clinic(createdDaysAgo: number) {
  const f = createFactories(test.db().db);
  const organisation = await f.createOrganisation({
    name: "Billing Dental",
    timezone: "Europe/London",
    createdAt: new Date(Date.now() - createdDaysAgo * DAY),
  });
  const number = await f.createPhoneNumber(organisation);
  await f.createAssistantSettings(organisation);
  await test
    .db()
    .db.insert(callRouting)
    .values({ organisationId: organisation.id, staffDestinations: [{ name: "Front desk", number: "+441632960222", sms: false }] });
  for (const day of [0, 1, 2, 3, 4, 5, 6]) await f.createWorkingHours(organisation, { dayOfWeek: day });
  await f.createIntent(organisation, { name: "Opening hours", examplePhrases: ["when are you open"], responseEn: "Nine to five." });
  return { organisation, number };
}

async function ring(to: string) {
  const res = await simulateIncomingCall({ baseUrl: app.url, authToken: TWILIO_TOKEN, to, from: "+447700900456" });
  const [row] = await test.db().db.select().from(calls).where(eq(calls.twilioCallSid, res.callSid));
  return { body: res.body, endedReason: row?.endedReason ?? null, failureReason: row?.failureReason ?? null };
}

/** A subscription in the emulator for the clinic's customer, paid, as Checkout leaves it (no trial). */
async function subscribed(organisationId: string) {
  const customer = await ensureStripeCustomer(organisationId);
  const session = {
    id: "cs_test_direct",
    lineItems: [{ price: "price_plan", quantity: 1 }],
    trialPeriodDays: null,
    subscriptionMetadata: { organisation_id: organisationId },
  } as unknown as Parameters<typeof stripe.state.createSubscription>[0];
  const subscription = stripe.state.createSubscription(session, stripe.state.customers.get(customer)!);
  stripe.state.markPaid(stripe.state.createInvoice(subscription, "subscription_create", 4900));
  await syncStripeCustomer(organisationId, customer);
  return { customer, subscription };
}

describe("billing and incoming calls", () => {
  it("serves a new clinic during its trial and refuses one whose trial is over with no subscription", async () => {
    const fresh = await clinic(1);
    expect((await ring(fresh.number.phoneNumber)).body).toMatch(/<Connect[^>]*><Stream/);
    const expired = await clinic(15);
    const refused = await ring(expired.number.phoneNumber);
    expect(refused.body).toMatch(/not available at the moment/);
    expect(refused.body).toContain("+441632960222");
    expect(refused).toMatchObject({ endedReason: "subscription-inactive", failureReason: expect.stringMatching(/trial is over/) });
  });

  it("payment failure → past_due (answered) → grace over (refused) → paid (answered)", async () => {
    const { organisation, number } = await clinic(40);
    const { customer, subscription } = await subscribed(organisation.id);
    expect((await ring(number.phoneNumber)).body).toMatch(/<Connect[^>]*><Stream/);

    stripe.failPayment(subscription.id);
    await syncStripeCustomer(organisation.id, customer);
    const pastDue = await test
      .db()
      .db.execute(sql`select status, past_due_since from subscriptions where organisation_id = ${organisation.id}`);
    expect(pastDue.rows[0]).toMatchObject({ status: "past_due" });
    expect((await ring(number.phoneNumber)).body).toMatch(/<Connect[^>]*><Stream/);

    // Eight days later by Stripe's clock: the open invoice was created 8 days ago.
    stripe.payOpenInvoice(subscription.id);
    stripe.setClockOffset(-8 * DAY);
    stripe.failPayment(subscription.id);
    stripe.setClockOffset(0);
    await syncStripeCustomer(organisation.id, customer);
    const refused = await ring(number.phoneNumber);
    expect(refused.body).toMatch(/not available at the moment/);
    expect(refused.failureReason).toMatch(/grace period is over/);

    stripe.payOpenInvoice(subscription.id);
    await syncStripeCustomer(organisation.id, customer);
    const after = await test
      .db()
      .db.execute(sql`select status, past_due_since from subscriptions where organisation_id = ${organisation.id}`);
    expect(after.rows[0]).toMatchObject({ status: "active", past_due_since: null });
    expect((await ring(number.phoneNumber)).body).toMatch(/<Connect[^>]*><Stream/);
  });
});
