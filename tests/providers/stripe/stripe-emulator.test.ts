import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient } from "@/providers/stripe/client";
import { emulatedPrices, type StripeEmulator, startStripeEmulator } from "@/providers/stripe/emulator";
import { waitFor } from "../../helpers/wait-for";

const KEY = "sk_test_emulatorkey1234";
const SECRET = "whsec_emulatorsecret1234";

let emulator: StripeEmulator;
let stripe: Stripe;
const received: { body: string; signature: string }[] = [];
let receiver: ReturnType<typeof createServer>;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["stripe-signature"]) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  emulator = await startStripeEmulator({
    apiKey: KEY,
    prices: emulatedPrices({ id: "price_plan" }, { id: "price_minutes", eventName: "call_minutes" }),
    webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, secret: SECRET },
  });
  const url = new URL(emulator.url);
  stripe = createStripeClient({ secretKey: KEY, api: { protocol: "http", host: url.hostname, port: Number(url.port) } });
});
afterAll(async () => {
  await emulator?.close();
  receiver?.close();
});

async function subscribe(trialDays?: number) {
  const customer = await stripe.customers.create({
    name: "Harbour Dental",
    email: "owner@harbour.test",
    metadata: { organisation_id: "org-1" },
  });
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    client_reference_id: "org-1",
    line_items: [{ price: "price_plan", quantity: 1 }, { price: "price_minutes" }],
    ...(trialDays ? { subscription_data: { trial_period_days: trialDays } } : {}),
    success_url: "http://app.test/dashboard/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://app.test/dashboard/billing",
  });
  const page = await fetch(session.url!);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Pay with test card 4242");
  const paid = await fetch(session.url!, { method: "POST", body: new URLSearchParams({ action: "pay" }), redirect: "manual" });
  expect(paid.status).toBe(303);
  expect(paid.headers.get("location")).toBe(`http://app.test/dashboard/billing?checkout=success&session_id=${session.id}`);
  return { customer, session };
}

describe("the Stripe emulator, driven by the stripe package", () => {
  it("creates a customer and a Checkout Session whose page completes into a subscription, and signs its webhooks as Stripe does", async () => {
    const { customer, session } = await subscribe(14);
    const list = await stripe.subscriptions.list({ customer: customer.id, status: "all", expand: ["data.latest_invoice"] });
    expect(list.data).toHaveLength(1);
    const sub = list.data[0]!;
    expect(sub.status).toBe("trialing");
    expect(sub.trial_end! - sub.trial_start!).toBe(14 * 86_400);
    expect(sub.items.data.map((i) => i.price.id)).toEqual(["price_plan", "price_minutes"]);
    expect((sub.latest_invoice as Stripe.Invoice).status).toBe("paid");
    expect((await stripe.checkout.sessions.retrieve(session.id)).subscription).toBe(sub.id);

    await waitFor("checkout webhooks", () => received.some((r) => r.body.includes("checkout.session.completed")));
    await emulator.webhooks.idle();
    for (const delivery of received) {
      const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, SECRET);
      expect(event.id).toMatch(/^evt_/);
    }
    const types = received.map((r) => JSON.parse(r.body).type);
    expect(types).toEqual(
      expect.arrayContaining(["customer.created", "customer.subscription.created", "invoice.paid", "checkout.session.completed"]),
    );
    expect(() => stripe.webhooks.constructEvent(received[0]!.body, received[0]!.signature, "whsec_another1234")).toThrow(/signature/i);
  });

  it("refuses what Stripe refuses: no key, a wrong key, unknown and missing parameters, a JSON body, unknown ids", async () => {
    const noKey = await fetch(`${emulator.url}/v1/customers`, { method: "POST" });
    expect(noKey.status).toBe(401);
    const wrong = createStripeClient({
      secretKey: "sk_test_wrongwrong",
      api: { protocol: "http", host: "127.0.0.1", port: Number(new URL(emulator.url).port) },
    });
    await expect(wrong.customers.create({ name: "x" })).rejects.toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 });
    await expect(stripe.customers.create({ nmae: "typo" } as never)).rejects.toMatchObject({ statusCode: 400, param: "nmae" });
    await expect(
      stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: "price_plan", quantity: 1 }] } as never),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: "success_url",
    });
    await expect(
      stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price: "price_minutes", quantity: 3 }],
        success_url: "http://app.test/",
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      stripe.checkout.sessions.create({
        mode: "subscription",
        customer: "cus_nobody",
        line_items: [{ price: "price_plan", quantity: 1 }],
        success_url: "http://app.test/",
      }),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    await expect(stripe.subscriptions.retrieve("sub_nothing")).rejects.toMatchObject({ statusCode: 404 });
    await expect(stripe.subscriptions.list({ status: "paid" as never })).rejects.toMatchObject({ statusCode: 400, param: "status" });
    const json = await fetch(`${emulator.url}/v1/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(json.status).toBe(400);
    const nul = await fetch(`${emulator.url}/v1/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-www-form-urlencoded" },
      body: "name=a%00b",
    });
    expect(nul.status).toBe(400);
  });

  it("replays an idempotent request and refuses the same key with other parameters", async () => {
    const first = await stripe.customers.create({ name: "Once" }, { idempotencyKey: "customer-org-42" });
    const again = await stripe.customers.create({ name: "Once" }, { idempotencyKey: "customer-org-42" });
    expect(again.id).toBe(first.id);
    await expect(stripe.customers.create({ name: "Other" }, { idempotencyKey: "customer-org-42" })).rejects.toMatchObject({
      type: "StripeIdempotencyError",
    });
  });

  it("counts each meter event identifier once and refuses timestamps outside Stripe's window", async () => {
    const customer = await stripe.customers.create({ name: "Metered" });
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i++) {
      await stripe.billing.meterEvents.create({
        event_name: "call_minutes",
        identifier: "call_abc",
        timestamp: now,
        payload: { stripe_customer_id: customer.id, value: "4" },
      });
    }
    await stripe.billing.meterEvents.create({
      event_name: "call_minutes",
      identifier: "call_def",
      timestamp: now,
      payload: { stripe_customer_id: customer.id, value: "2" },
    });
    expect(emulator.meterTotal(customer.id, "call_minutes")).toBe(6);
    await expect(
      stripe.billing.meterEvents.create({
        event_name: "call_minutes",
        identifier: "call_old",
        timestamp: now - 36 * 86_400,
        payload: { stripe_customer_id: customer.id, value: "1" },
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "timestamp" });
    await expect(
      stripe.billing.meterEvents.create({ event_name: "no_such_meter", payload: { stripe_customer_id: customer.id, value: "1" } }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it("moves a subscription through a failed renewal, a paid retry, the portal's cancel and resume", async () => {
    const { customer } = await subscribe();
    const [sub] = (await stripe.subscriptions.list({ customer: customer.id })).data;
    expect(sub!.status).toBe("active");
    const failed = emulator.failPayment(sub!.id);
    expect(failed.status).toBe("open");
    expect((await stripe.subscriptions.retrieve(sub!.id)).status).toBe("past_due");
    emulator.payOpenInvoice(sub!.id);
    expect((await stripe.subscriptions.retrieve(sub!.id)).status).toBe("active");

    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://app.test/dashboard/billing" });
    const act = (action: string) =>
      fetch(portal.url, { method: "POST", body: new URLSearchParams({ action, subscription: sub!.id }), redirect: "manual" });
    expect((await act("cancel_at_period_end")).status).toBe(303);
    expect((await stripe.subscriptions.retrieve(sub!.id)).cancel_at_period_end).toBe(true);
    await act("resume");
    expect((await stripe.subscriptions.retrieve(sub!.id)).cancel_at_period_end).toBe(false);
    const invoices = await stripe.invoices.list({ customer: customer.id, limit: 5 });
    expect(invoices.data.map((i) => i.status)).toEqual(["paid", "paid"]);
    await act("cancel_now");
    expect((await stripe.subscriptions.retrieve(sub!.id)).status).toBe("canceled");
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
  });

  it("holds, reorders, duplicates and drops webhooks on command", async () => {
    await emulator.webhooks.idle();
    const before = received.length;
    emulator.webhooks.hold();
    const { customer } = await subscribe();
    expect(received.length).toBe(before);
    const held = emulator.webhooks.heldEvents().map((e) => e.type);
    emulator.webhooks.release("reverse");
    await emulator.webhooks.idle();
    expect(received.slice(before).map((r) => JSON.parse(r.body).type)).toEqual([...held].reverse());

    const [sub] = (await stripe.subscriptions.list({ customer: customer.id })).data;
    const mark = received.length;
    emulator.webhooks.drop("invoice.payment_failed");
    emulator.webhooks.duplicate(1);
    emulator.failPayment(sub!.id);
    await emulator.webhooks.idle();
    expect(received.slice(mark).map((r) => JSON.parse(r.body).type)).toEqual([
      "customer.subscription.updated",
      "customer.subscription.updated",
    ]);
  });
});
