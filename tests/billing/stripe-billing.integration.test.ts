import { sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as checkoutRoute from "@/app/api/billing/checkout/route";
import * as invoicesRoute from "@/app/api/billing/invoices/route";
import * as portalRoute from "@/app/api/billing/portal/route";
import * as syncRoute from "@/app/api/billing/sync/route";
import * as usageRoute from "@/app/api/billing/usage/route";
import * as statusRoute from "@/app/api/subscription-status/route";
import * as stripeWebhookRoute from "@/app/api/webhooks/stripe/route";
import { emulatedPrices, startStripeEmulator } from "@/providers/stripe/emulator";
import { runNightlyResync } from "@/server/billing/nightly-resync-job";
import { recordCallUsage } from "@/server/billing/record-call-usage";
import { meterEventIdentifier, reportCallUsage } from "@/server/billing/report-usage-job";
import { syncStripeCustomer } from "@/server/billing/sync-customer";
import { asService } from "@/server/db/access";
import { closeSmtpTransport } from "@/server/email/smtp-transport";
import { getJobBoss, startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { type JobType, jobRegistry } from "@/server/jobs/registry";
import { addDays } from "@/server/working-hours/zoned-time";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import type { ApiClient } from "../helpers/api";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { useMailCatcher } from "../helpers/mail-catcher";
import { startRouteServer } from "../helpers/route-server";

const KEY = "sk_test_billingintegration1";
const SECRET = "whsec_billingintegration1";
const stripe = await startStripeEmulator({
  apiKey: KEY,
  prices: emulatedPrices({ id: "price_plan" }, { id: "price_minutes", eventName: "call_minutes" }),
});
const app = await startRouteServer({ "/api/webhooks/stripe": stripeWebhookRoute.POST });
stripe.setWebhookEndpoint({ url: `${app.url}/api/webhooks/stripe`, secret: SECRET });
const mail = await useMailCatcher();
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
  closeSmtpTransport();
  await stripe.close();
  await app.close();
});

const test = useTestApp({
  env: () => ({
    ...mail.env(),
    PUBLIC_BASE_URL: app.url,
    STRIPE_SECRET_KEY: KEY,
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_PRICE_ID: "price_plan",
    STRIPE_METERED_PRICE_ID: "price_minutes",
    STRIPE_METER_EVENT_NAME: "call_minutes",
    STRIPE_API_URL: stripe.url,
    BILLING_TRIAL_DAYS: "14",
    BILLING_GRACE_DAYS: "7",
    DEMO: "0",
  }),
});
beforeAll(async () => {
  await startJobRunner({ work: false, database: test.db(), databaseUrl: test.db().url });
});

const db = () => test.db().db;
const count = async (query: ReturnType<typeof sql>) => Number((await db().execute(query)).rows[0]!.n);

/** Works every queued job of these types (the runner here only enqueues), as a worker would. */
async function runJobs(...types: JobType[]): Promise<number> {
  const boss = await getJobBoss();
  let done = 0;
  for (;;) {
    let round = 0;
    for (const type of types) {
      const jobs = await boss.fetch(type, { batchSize: 50 });
      if (!jobs || jobs.length === 0) continue;
      for (const job of jobs) {
        await (jobRegistry[type].handle as (data: unknown, ctx: unknown) => Promise<void>)(job.data, {
          jobId: job.id,
          retryCount: 0,
          signal: new AbortController().signal,
        });
      }
      await boss.complete(
        type,
        jobs.map((j) => j.id),
      );
      round += jobs.length;
    }
    if (round === 0) return done;
    done += round;
  }
}

/** Lets every webhook the emulator has started land, then works the syncs they enqueued. */
async function settle(): Promise<void> {
  await stripe.webhooks.idle();
  await runJobs("billing.sync-customer", "billing.report-usage");
}

async function subscribe(owner: ApiClient): Promise<string> {
  const checkout = await owner.post(checkoutRoute.POST, "/api/billing/checkout");
  expect(checkout.status).toBe(200);
  const paid = await fetch(checkout.body.url, { method: "POST", body: new URLSearchParams({ action: "pay" }), redirect: "manual" });
  expect(paid.status).toBe(303);
  expect(paid.headers.get("location")).toMatch(new RegExp(`^${app.url}/dashboard/billing\\?checkout=success&session_id=cs_test_`));
  return new URL(checkout.body.url).pathname.split("/").pop()!;
}

/** Email is on in this file (the mail catcher), so an owner confirms their address before inviting. */
async function emailVerified(userId: string): Promise<void> {
  await db().execute(sql`update account_security set email_verified_at = now() where user_id = ${userId}`);
}

async function subscriptionRow(organisationId: string) {
  const { rows } = await db().execute(sql`select * from subscriptions where organisation_id = ${organisationId} order by created_at`);
  return rows;
}

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
}

function postWebhook(payload: string, signature?: string) {
  return fetch(`${app.url}/api/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    body: payload,
  });
}

describe("Stripe webhook signatures", () => {
  it("accepts a valid signature and refuses a wrong secret, a stale timestamp, a tampered body and a missing header, writing nothing", async () => {
    const owner = await signUpOwner("Signature Dental");
    await subscribe(owner.client);
    await settle();
    const [customer] = (
      await db().execute(sql`select stripe_customer_id from billing_customers where organisation_id = ${owner.organisationId}`)
    ).rows;
    const event = JSON.stringify({
      id: "evt_signaturecase1",
      object: "event",
      type: "customer.subscription.updated",
      created: Math.floor(Date.now() / 1000),
      data: { object: { object: "subscription", id: "sub_x", customer: customer!.stripe_customer_id } },
    });
    const ledger = () => count(sql`select count(*)::int as n from stripe_events where event_id = 'evt_signaturecase1'`);
    expect((await postWebhook(event, signed(event, { secret: "whsec_notthesecret1" }))).status).toBe(400);
    expect((await postWebhook(event, signed(event, { timestamp: Math.floor(Date.now() / 1000) - 301 }))).status).toBe(400);
    expect((await postWebhook(event.replace("sub_x", "sub_y"), signed(event))).status).toBe(400);
    expect((await postWebhook(event)).status).toBe(400);
    expect((await postWebhook("not json", signed("not json"))).status).toBe(400);
    expect(await ledger()).toBe(0);
    const ok = await postWebhook(event, signed(event));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ received: true, outcome: "enqueued" });
    expect(await ledger()).toBe(1);
    // The same event again: 200, recorded once, no second sync.
    const again = await postWebhook(event, signed(event));
    expect(await again.json()).toMatchObject({ outcome: "duplicate" });
    expect(await ledger()).toBe(1);
    expect(await runJobs("billing.sync-customer")).toBe(1);
  });
});

describe("checkout, webhooks and the convergent sync", () => {
  it("subscribes through Checkout with the rest of the trial; the return syncs at once; replayed events change nothing", async () => {
    const owner = await signUpOwner("Checkout Dental");
    const before = await owner.client.get(statusRoute.GET, "/api/subscription-status");
    expect(before.body).toMatchObject({ billing_enabled: true, status: "none", access: { serve: true, reason: "trial" } });
    stripe.webhooks.hold();
    const sessionId = await subscribe(owner.client);
    // Back from Checkout before any webhook: the page's sync shows the plan at once.
    expect((await owner.client.post(syncRoute.POST, "/api/billing/sync")).body).toEqual({ synced: true });
    const [row] = await subscriptionRow(owner.organisationId);
    expect(row).toMatchObject({ status: "trialing", price_id: "price_plan", stripe_customer_id: expect.stringMatching(/^cus_/) });
    expect(stripe.state.checkoutSessions.get(sessionId)).toMatchObject({ status: "complete", client_reference_id: owner.organisationId });
    const trialDays = (new Date(row!.trial_end as string).getTime() - new Date(row!.trial_start as string).getTime()) / 86_400_000;
    expect(trialDays).toBe(14);

    stripe.webhooks.release();
    await settle();
    const events = await count(sql`select count(*)::int as n from stripe_events where organisation_id = ${owner.organisationId}`);
    expect(events).toBeGreaterThanOrEqual(3);
    for (const event of stripe.webhooks.events.filter((e) => e.type === "invoice.paid")) stripe.webhooks.resend(event.id);
    await stripe.webhooks.idle();
    expect(await count(sql`select count(*)::int as n from stripe_events where organisation_id = ${owner.organisationId}`)).toBe(events);
    expect(await runJobs("billing.sync-customer")).toBe(0);
    expect(await subscriptionRow(owner.organisationId)).toHaveLength(1);

    const status = await owner.client.get(statusRoute.GET, "/api/subscription-status");
    expect(status.body).toMatchObject({
      status: "trialing",
      access: { serve: true, reason: "trialing" },
      minutes_included: 500,
      latest_invoice_status: "paid",
    });
    // A second Checkout while subscribed is refused.
    expect((await owner.client.post(checkoutRoute.POST, "/api/billing/checkout")).status).toBe(409);
  });

  it("ends in Stripe's state whatever the delivery order: updated before created, deleted before an older updated", async () => {
    const owner = await signUpOwner("Order Dental");
    stripe.webhooks.hold();
    await subscribe(owner.client);
    const customer = String(
      (await db().execute(sql`select stripe_customer_id from billing_customers where organisation_id = ${owner.organisationId}`)).rows[0]!
        .stripe_customer_id,
    );
    const sub = stripe.state.subscriptionsOf(customer)[0]!;
    stripe.cancel(sub.id, { atPeriodEnd: true }); // customer.subscription.updated (older)
    stripe.cancel(sub.id); // customer.subscription.deleted
    const held = stripe.webhooks.heldEvents().map((e) => e.type);
    expect(held.indexOf("customer.subscription.created")).toBeLessThan(held.indexOf("customer.subscription.updated"));
    stripe.webhooks.release("reverse"); // deleted first, then updated, then ... created last
    await settle();
    const rows = await subscriptionRow(owner.organisationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "canceled", stripe_subscription_id: sub.id });
    const status = await owner.client.get(statusRoute.GET, "/api/subscription-status");
    expect(status.body.access).toMatchObject({ serve: false, reason: "canceled", banner: "service_stopped" });
  });

  it("repairs a dropped event with the nightly resync", async () => {
    const owner = await signUpOwner("Dropped Dental");
    await subscribe(owner.client);
    await settle();
    const customer = String(
      (await db().execute(sql`select stripe_customer_id from billing_customers where organisation_id = ${owner.organisationId}`)).rows[0]!
        .stripe_customer_id,
    );
    const sub = stripe.state.subscriptionsOf(customer)[0]!;
    stripe.endTrial(sub.id); // active, paid
    await settle();
    stripe.webhooks.drop("invoice.payment_failed");
    stripe.webhooks.drop("customer.subscription.updated");
    stripe.failPayment(sub.id);
    await settle();
    expect((await subscriptionRow(owner.organisationId))[0]).toMatchObject({ status: "active" });
    const nightly = await runNightlyResync();
    expect(nightly).toMatchObject({ failed: 0 });
    expect(nightly.customers).toBeGreaterThanOrEqual(1);
    const [row] = await subscriptionRow(owner.organisationId);
    expect(row).toMatchObject({ status: "past_due", latest_invoice_status: "open" });
    expect(row!.past_due_since).not.toBeNull();
  });
});

describe("who may start Checkout or the Portal, and other clinics", () => {
  it("only owners start Checkout or open the Portal; admins and members read the status", async () => {
    const owner = await signUpOwner("Roles Dental");
    await emailVerified(owner.userId);
    const admin = await addTeammate(owner.client, "admin");
    const member = await addTeammate(owner.client, "member");
    for (const person of [admin, member]) {
      expect((await person.client.post(checkoutRoute.POST, "/api/billing/checkout")).status).toBe(403);
      expect((await person.client.post(portalRoute.POST, "/api/billing/portal")).status).toBe(403);
      expect((await person.client.get(statusRoute.GET, "/api/subscription-status")).status).toBe(200);
    }
    expect((await owner.client.post(portalRoute.POST, "/api/billing/portal")).status).toBe(409);
    expect(await count(sql`select count(*)::int as n from billing_customers where organisation_id = ${owner.organisationId}`)).toBe(0);
    await subscribe(owner.client);
    const portal = await owner.client.post(portalRoute.POST, "/api/billing/portal");
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(new RegExp(`^${stripe.url}/portal/bps_`));
    // Both owner actions are in the audit log (decision 021); the refused ones are not.
    const audited = await count(sql`select count(*)::int as n from audit_events
      where organisation_id = ${owner.organisationId} and user_id = ${owner.userId}
        and action in ('billing.checkout_started', 'billing.portal_opened')`);
    expect(audited).toBe(2);
  });

  it("never touches another clinic: an event for a customer no clinic holds, a sync naming another's customer, a subscription naming another clinic", async () => {
    const a = await signUpOwner("Clinic A");
    const b = await signUpOwner("Clinic B");
    await subscribe(b.client);
    await settle();
    const customerB = String(
      (await db().execute(sql`select stripe_customer_id from billing_customers where organisation_id = ${b.organisationId}`)).rows[0]!
        .stripe_customer_id,
    );
    // A sync for A that names B's customer does nothing.
    expect(await syncStripeCustomer(a.organisationId, customerB)).toEqual({ kind: "not_this_organisation" });
    expect(await subscriptionRow(a.organisationId)).toHaveLength(0);
    // An event naming a customer nobody holds is answered 200 and recorded nowhere.
    const stranger = JSON.stringify({
      id: "evt_strangercustomer",
      object: "event",
      type: "invoice.paid",
      created: Math.floor(Date.now() / 1000),
      data: { object: { object: "invoice", customer: "cus_nobodyhere" } },
    });
    const res = await postWebhook(stranger, signed(stranger));
    expect(await res.json()).toMatchObject({ outcome: "unknown_customer" });
    expect(await count(sql`select count(*)::int as n from stripe_events where event_id = 'evt_strangercustomer'`)).toBe(0);
    // A subscription under B's customer that names A (metadata) is written for nobody, though a
    // signed webhook names it: the event syncs B's customer only, and the sync leaves it out.
    const foreignSession = {
      id: "cs_test_foreign",
      lineItems: [{ price: "price_plan", quantity: 1 }],
      trialPeriodDays: null,
      subscriptionMetadata: { organisation_id: a.organisationId },
    } as unknown as Parameters<typeof stripe.state.createSubscription>[0];
    const foreign = stripe.state.createSubscription(foreignSession, stripe.state.customers.get(customerB)!);
    const naming = JSON.stringify({
      id: "evt_foreignsubscription",
      object: "event",
      type: "customer.subscription.created",
      created: Math.floor(Date.now() / 1000),
      data: { object: { object: "subscription", id: foreign.id, customer: customerB, metadata: { organisation_id: a.organisationId } } },
    });
    expect(await (await postWebhook(naming, signed(naming))).json()).toMatchObject({ outcome: "enqueued" });
    await settle();
    expect(await subscriptionRow(a.organisationId)).toHaveLength(0);
    expect(await count(sql`select count(*)::int as n from subscriptions where stripe_subscription_id = ${foreign.id}`)).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from stripe_events where event_id = 'evt_foreignsubscription' and organisation_id = ${b.organisationId}`,
      ),
    ).toBe(1);
    // Owners cannot write their subscription (RLS/grants): covered by the RLS matrix; B's row stays B's.
    const rowsB = await subscriptionRow(b.organisationId);
    expect(rowsB).toHaveLength(1);
    expect(rowsB[0]).toMatchObject({ organisation_id: b.organisationId, status: "trialing" });
  });
});

describe("call minutes", () => {
  it("records each ended call once and reports it to Stripe once, whatever the retries", async () => {
    const owner = await signUpOwner("Minutes Dental");
    await subscribe(owner.client);
    await settle();
    const f = createFactories(db());
    const organisation = { id: owner.organisationId };
    // Ended inside the subscription's first period (which began at Checkout, a moment ago).
    const endedAt = new Date();
    const call = await f.createCall(organisation, {
      vapiCallId: "vapi-minutes-1",
      status: "ended",
      durationSeconds: 125,
      endedAt,
      startedAt: new Date(endedAt.getTime() - 125_000),
    });
    await asService((tx) => recordCallUsage(tx, "vapi-minutes-1"));
    await asService((tx) => recordCallUsage(tx, "vapi-minutes-1"));
    expect((await db().execute(sql`select minutes, seconds from billing_usage where call_id = ${call.id}`)).rows).toEqual([
      { minutes: 3, seconds: 125 },
    ]);
    await runJobs("billing.report-usage");
    const customer = String(
      (await db().execute(sql`select stripe_customer_id from billing_customers where organisation_id = ${owner.organisationId}`)).rows[0]!
        .stripe_customer_id,
    );
    expect(stripe.meterTotal(customer, "call_minutes")).toBe(3);
    expect(stripe.state.meterEvents.get(meterEventIdentifier(call.id))?.timestamp).toBe(Math.floor(endedAt.getTime() / 1000));
    // The job ran again (a redelivery), and Stripe took an event whose "reported" mark was lost.
    expect(await reportCallUsage(owner.organisationId, call.id)).toBe("already");
    await db().execute(sql`update billing_usage set reported_at = null where call_id = ${call.id}`);
    expect(await reportCallUsage(owner.organisationId, call.id)).toBe("reported");
    await runNightlyResync();
    expect(stripe.meterTotal(customer, "call_minutes")).toBe(3);

    const day = endedAt.toISOString().slice(0, 10);
    const usage = await owner.client.get(usageRoute.GET, `/api/billing/usage?from=${addDays(day, -1)}&to=${addDays(day, 1)}`);
    expect(usage.status).toBe(200);
    expect(usage.body.total_minutes).toBe(3);
    const status = await owner.client.get(statusRoute.GET, "/api/subscription-status");
    expect(status.body.minutes_used).toBe(3);
    for (const bad of [
      "from=2026-02-30&to=2026-03-01",
      "from=2026-03-02&to=2026-03-01",
      "from=2020-01-01&to=2026-01-01",
      "from=x&to=y",
      "from=2026-01-01",
    ]) {
      expect((await owner.client.get(usageRoute.GET, `/api/billing/usage?${bad}`)).status).toBe(422);
    }
  });
});

async function customerOf(organisationId: string): Promise<string> {
  const { rows } = await db().execute(sql`select stripe_customer_id from billing_customers where organisation_id = ${organisationId}`);
  return String(rows[0]!.stripe_customer_id);
}

describe("owner notices and banners", () => {
  it("a failed payment: past_due with the grace end, one email to each owner in their language, none to the others", async () => {
    const owner = await signUpOwner("Notice Dental");
    await emailVerified(owner.userId);
    const admin = await addTeammate(owner.client, "admin");
    await db().execute(sql`update profiles set language = 'ru' where id = ${owner.userId}`);
    await subscribe(owner.client);
    await settle();
    const sub = stripe.state.subscriptionsOf(await customerOf(owner.organisationId))[0]!;
    stripe.endTrial(sub.id);
    await settle();
    const failed = stripe.failPayment(sub.id);
    await settle();

    const status = await owner.client.get(statusRoute.GET, "/api/subscription-status");
    expect(status.body).toMatchObject({
      status: "past_due",
      latest_invoice_status: "open",
      access: { serve: true, reason: "past_due", banner: "payment_failed" },
    });
    const graceEnds = new Date(status.body.access.grace_ends_at).getTime();
    expect(graceEnds).toBe(failed.created * 1000 + 7 * 86_400_000);
    // The admin reads the same notice (the banner tells them to ask the owner).
    expect((await admin.client.get(statusRoute.GET, "/api/subscription-status")).body.access.banner).toBe("payment_failed");

    await runJobs("email.send");
    const email = await mail.catcher.waitFor((m) => m.to.includes(owner.email) && m.template === "billing.payment-failed", 30_000);
    expect(email.language).toBe("ru");
    expect(email.subject).toBe("Не удалось списать оплату: Notice Dental");
    const zone = String((await db().execute(sql`select timezone from organisations where id = ${owner.organisationId}`)).rows[0]!.timezone);
    const graceDay = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
      new Date(graceEnds),
    );
    expect(email.text).toContain(`Звонки принимаются до ${graceDay}.`);
    expect(email.text).toContain(`${app.url}/dashboard/billing`);
    // Stripe repeats the event (a retry of the same invoice): still one email; the admin gets none.
    for (const event of stripe.webhooks.events.filter((e) => e.type === "invoice.payment_failed")) stripe.webhooks.resend(event.id);
    await settle();
    await runJobs("email.send");
    const sent = mail.catcher.messages().filter((m) => m.template === "billing.payment-failed");
    expect(sent.filter((m) => m.to.includes(owner.email))).toHaveLength(1);
    expect(sent.filter((m) => m.to.includes(admin.email))).toHaveLength(0);

    // Paid: the notice is gone.
    stripe.payOpenInvoice(sub.id);
    await settle();
    expect((await owner.client.get(statusRoute.GET, "/api/subscription-status")).body.access).toMatchObject({
      serve: true,
      reason: "active",
      banner: "none",
    });
  });

  it("an owner who turned billing emails off gets none (the banner still shows)", async () => {
    const owner = await signUpOwner("Quiet Dental");
    await db().execute(sql`
      insert into account_security (user_id, email_notifications) values (${owner.userId}, '{"billing": false}'::jsonb)
      on conflict (user_id) do update set email_notifications = excluded.email_notifications`);
    await subscribe(owner.client);
    await settle();
    const sub = stripe.state.subscriptionsOf(await customerOf(owner.organisationId))[0]!;
    stripe.endTrial(sub.id, { fail: true });
    await settle();
    await runJobs("email.send");
    expect(mail.catcher.messages().filter((m) => m.to.includes(owner.email) && m.template?.startsWith("billing."))).toHaveLength(0);
    expect((await owner.client.get(statusRoute.GET, "/api/subscription-status")).body.access.banner).toBe("payment_failed");
  });

  it("trial expiry with no subscription: refused, the stopped banner, and Checkout without a trial", async () => {
    const owner = await signUpOwner("Expired Dental");
    await db().execute(sql`update organisations set created_at = now() - interval '15 days' where id = ${owner.organisationId}`);
    const status = await owner.client.get(statusRoute.GET, "/api/subscription-status");
    expect(status.body).toMatchObject({ status: "none", access: { serve: false, reason: "trial_over", banner: "service_stopped" } });
    const checkout = await owner.client.post(checkoutRoute.POST, "/api/billing/checkout");
    expect(checkout.status).toBe(200);
    const session = stripe.state.checkoutSessions.get(new URL(checkout.body.url).pathname.split("/").pop()!)!;
    expect(session.trialPeriodDays).toBeNull();

    // Three days before the end of its own trial, a new clinic is warned.
    const young = await signUpOwner("Young Dental");
    await db().execute(sql`update organisations set created_at = now() - interval '12 days' where id = ${young.organisationId}`);
    expect((await young.client.get(statusRoute.GET, "/api/subscription-status")).body.access).toMatchObject({
      serve: true,
      reason: "trial",
      banner: "trial_ending",
    });
  });
});

describe("invoices", () => {
  it("lists the clinic's newest invoices with Stripe's hosted links for every member, and nothing of another clinic's", async () => {
    const owner = await signUpOwner("Invoice Dental");
    await emailVerified(owner.userId);
    const member = await addTeammate(owner.client, "member");
    const other = await signUpOwner("Other Invoice Dental");

    // Before the first Checkout: an empty list (no customer yet), for everyone.
    for (const person of [owner.client, member.client]) {
      const empty = await person.get(invoicesRoute.GET, "/api/billing/invoices");
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({ billing_enabled: true, invoices: [] });
    }

    await subscribe(owner.client);
    await subscribe(other.client);
    await settle();
    const sub = stripe.state.subscriptionsOf(await customerOf(owner.organisationId))[0]!;
    const paid = stripe.endTrial(sub.id);
    const open = stripe.failPayment(sub.id);
    await settle();

    const list = await member.client.get(invoicesRoute.GET, "/api/billing/invoices");
    expect(list.status).toBe(200);
    const ids = list.body.invoices.map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(3); // the trial's zero invoice, the first paid one, the failed renewal
    expect(ids.slice(0, 2)).toEqual([open.id, paid.id]);
    expect(list.body.invoices[0]).toMatchObject({
      status: "open",
      amount_due: 4900,
      currency: "usd",
      hosted_invoice_url: `${stripe.url}/invoices/${open.id}`,
      number: expect.any(String),
    });
    expect(list.body.invoices[1]).toMatchObject({ status: "paid", amount_paid: 4900 });
    // The hosted page exists (the link the Billing page shows).
    expect((await fetch(list.body.invoices[0].hosted_invoice_url)).status).toBe(200);

    const theirs = await other.client.get(invoicesRoute.GET, "/api/billing/invoices");
    const theirIds: string[] = theirs.body.invoices.map((i: { id: string }) => i.id);
    expect(theirIds.length).toBe(1);
    expect(theirIds.some((id) => ids.includes(id))).toBe(false);
  });
});
