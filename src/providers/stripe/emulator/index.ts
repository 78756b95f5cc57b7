import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { emulatorLog } from "../../emulator-log";
import { FormError, type FormObject, onlyKnown, parseForm, read } from "./form";
import { checkoutPage, invoicePage, portalPage } from "./pages";
import {
  addMonth,
  type CheckoutSession,
  type Customer,
  type EmulatedPrice,
  type Invoice,
  type MeterEvent,
  priceJson,
  StripeState,
  type Subscription,
  stripeId,
} from "./state";
import { type StripeEvent, WebhookSender } from "./webhooks";

export type { EmulatedPrice, Invoice, Subscription } from "./state";
export { signPayload } from "./webhooks";

/**
 * A Stripe stand-in on loopback for tests and demo mode, stateful, that the `stripe` package
 * talks to unchanged (point it there with host, port and protocol). It checks what Stripe
 * checks: the secret key (Bearer), form-encoded bodies, required and unknown parameters,
 * idempotency keys, ids that exist. Hosted pages: Checkout (/checkout/:id), the Customer Portal
 * (/portal/:id) and invoices (/invoices/:id). Webhooks are signed like Stripe's and can be held,
 * reordered, duplicated, delayed or dropped (`webhooks`). Commands move subscriptions through
 * renewals, failed payments, trials and cancellation.
 */

export interface StripeEmulatorOptions {
  apiKey: string;
  prices: EmulatedPrice[];
  /** Where webhooks go, signed with `secret`; can be set later with `setWebhookEndpoint`. */
  webhook?: { url: string; secret: string };
  port?: number;
}

export interface StripeEmulator {
  /** http://127.0.0.1:<port> */
  url: string;
  state: StripeState;
  webhooks: WebhookSender;
  setWebhookEndpoint(endpoint: { url: string; secret: string } | undefined): void;
  /** Moves the emulator's clock (objects and events it creates from now on): + forward, - back. */
  setClockOffset(ms: number): void;
  /** The next renewal of the subscription: charged to the card (or fails with `fail`), period advanced. */
  renew(subscriptionId: string, options?: { fail?: boolean }): Invoice;
  /** A failed payment on the subscription's open invoice, or a failing renewal when none is open: past_due. */
  failPayment(subscriptionId: string): Invoice;
  /** The open invoice is paid (a retry succeeded): active. */
  payOpenInvoice(subscriptionId: string): Invoice;
  /** Stripe gave up retrying: unpaid. */
  markUnpaid(subscriptionId: string): void;
  /** The trial ends now: an invoice, then active or past_due. */
  endTrial(subscriptionId: string, options?: { fail?: boolean }): Invoice;
  /** Sends customer.subscription.trial_will_end (Stripe sends it three days ahead). */
  trialWillEnd(subscriptionId: string): void;
  cancel(subscriptionId: string, options?: { atPeriodEnd?: boolean }): void;
  meterTotal(customerId: string, eventName: string): number;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; message: string; code?: string; param?: string },
  ) {
    super(body.message);
  }
}

const invalid = (message: string, param?: string, code = param ? "parameter_invalid" : undefined) =>
  new ApiError(400, { type: "invalid_request_error", message, ...(code ? { code } : {}), ...(param ? { param } : {}) });
const missing = (kind: string, id: string, param = "id") =>
  new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such ${kind}: '${id}'`, param });

const MAX_BODY_BYTES = 512 * 1024;
const DAY = 86_400;
const SUBSCRIPTION_STATUSES = [
  "active",
  "all",
  "canceled",
  "ended",
  "incomplete",
  "incomplete_expired",
  "past_due",
  "paused",
  "trialing",
  "unpaid",
];

export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  let offsetMs = 0;
  let baseUrl = "";
  const state = new StripeState(
    () => baseUrl,
    () => Date.now() + offsetMs,
  );
  for (const price of options.prices) state.prices.set(price.id, price);
  const webhooks = new WebhookSender(() => state.now());
  if (options.webhook) webhooks.endpoint = options.webhook;
  const idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ApiError) return sendJson(res, error.status, { error: error.body });
      emulatorLog.error({ err: error, path: req.url?.split("?")[0] }, "stripe emulator: request failed");
      sendJson(res, 500, { error: { type: "api_error", message: "An unknown error occurred" } });
    });
  });
  server.keepAliveTimeout = 120_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const method = req.method ?? "GET";
    const body = await readBody(req);
    const parts = url.pathname.split("/").filter(Boolean);
    // Hosted pages (the browser, no API key).
    if (parts[0] === "checkout" && parts.length === 2) return checkoutRoute(parts[1]!, method, body, res);
    if (parts[0] === "portal" && parts.length === 2) return portalRoute(parts[1]!, method, body, res);
    if (parts[0] === "invoices" && parts.length >= 2) {
      const invoice = state.invoices.get(parts[1]!);
      return invoice ? sendHtml(res, 200, invoicePage(invoice)) : sendHtml(res, 404, "<h1>No such invoice</h1>");
    }
    if (parts[0] !== "v1" && parts[0] !== "_emulator")
      return sendJson(res, 404, {
        error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${url.pathname.slice(0, 200)}).` },
      });
    authenticate(req);
    if (parts[0] === "_emulator") return sendJson(res, 200, control(method, parts.slice(1), url));

    let form: FormObject;
    try {
      if (method === "POST") {
        const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        if (type !== "application/x-www-form-urlencoded" && body !== "") {
          throw invalid("Invalid request: Stripe expects a form-encoded body (application/x-www-form-urlencoded).");
        }
        form = parseForm(body);
      } else {
        form = parseForm(url.search.slice(1));
      }
    } catch (error) {
      if (error instanceof FormError) throw invalid(error.message, error.param);
      throw error;
    }

    const key = method === "POST" ? headerOf(req, "idempotency-key") : undefined;
    if (key) {
      if (key.length > 255) throw invalid("Idempotency-Key must be at most 255 characters.");
      const fingerprint = `${method} ${url.pathname} ${body}`;
      const seen = idempotency.get(key);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          throw new ApiError(400, {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          });
        }
        return sendJson(res, seen.status, seen.body, { "idempotent-replayed": "true" });
      }
      try {
        const answer = callApi(method, parts.slice(1), form);
        idempotency.set(key, { fingerprint, status: 200, body: answer });
        return sendJson(res, 200, answer);
      } catch (error) {
        if (error instanceof ApiError) idempotency.set(key, { fingerprint, status: error.status, body: { error: error.body } });
        throw error;
      }
    }
    return sendJson(res, 200, callApi(method, parts.slice(1), form));
  }

  function authenticate(req: IncomingMessage): void {
    const header = headerOf(req, "authorization");
    if (!header) {
      throw new ApiError(401, {
        type: "invalid_request_error",
        message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.",
      });
    }
    const match = /^Bearer (.+)$/.exec(header);
    const given = Buffer.from(match?.[1] ?? "");
    const expected = Buffer.from(options.apiKey);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      const shown = (match?.[1] ?? "").slice(-4);
      throw new ApiError(401, { type: "invalid_request_error", message: `Invalid API Key provided: sk_****${shown}` });
    }
  }

  function callApi(method: string, path: string[], form: FormObject): unknown {
    try {
      return api(method, path, form);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      const code = error.message.startsWith("Received unknown")
        ? "parameter_unknown"
        : error.message.startsWith("Missing required")
          ? "parameter_missing"
          : "parameter_invalid";
      throw invalid(error.message, error.param, code);
    }
  }

  /** The REST API under /v1. */
  function api(method: string, path: string[], form: FormObject): unknown {
    const [resource, id, sub] = path;
    const route = `${method} ${resource}${path.length > 1 && resource !== "checkout" && resource !== "billing_portal" && resource !== "billing" ? "/:id" : ""}${sub ? `/${sub}` : ""}`;
    switch (route) {
      case "POST customers":
        return createCustomer(form);
      case "GET customers/:id":
        onlyKnown(form, ["expand"]);
        return customerOr404(id!);
      case "POST subscriptions/:id":
        return updateSubscription(id!, form);
      case "DELETE subscriptions/:id":
        onlyKnown(form, ["invoice_now", "prorate", "expand"]);
        return cancelNow(subscriptionOr404(id!));
      case "GET subscriptions/:id":
        onlyKnown(form, ["expand"]);
        return expandSubscription(subscriptionOr404(id!), expansions(form, ""));
      case "GET subscriptions":
        return listSubscriptions(form);
      case "GET invoices":
        return listInvoices(form);
      case "GET invoices/:id": {
        onlyKnown(form, ["expand"]);
        const invoice = state.invoices.get(id!);
        if (!invoice) throw missing("invoice", id!);
        return invoice;
      }
      case "GET events/:id": {
        const event = webhooks.events.find((e) => e.id === id);
        if (!event) throw missing("event", id!);
        return event;
      }
    }
    if (resource === "checkout" && id === "sessions") {
      if (method === "POST" && path.length === 2) return createCheckoutSession(form);
      if (method === "GET" && path.length === 3) {
        const session = state.checkoutSessions.get(path[2]!);
        if (!session) throw missing("checkout.session", path[2]!, "session");
        return sessionJson(session);
      }
    }
    if (resource === "billing_portal" && id === "sessions" && method === "POST" && path.length === 2) return createPortalSession(form);
    if (resource === "billing" && id === "meter_events" && method === "POST" && path.length === 2) return createMeterEvent(form);
    throw new ApiError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: /v1/${path.join("/").slice(0, 200)}).`,
    });
  }

  function customerOr404(id: string): unknown {
    const customer = state.customers.get(id);
    if (!customer) throw missing("customer", id);
    return customerJson(customer);
  }

  function subscriptionOr404(id: string): Subscription {
    const subscription = state.subscriptions.get(id);
    if (!subscription) throw missing("subscription", id);
    return subscription;
  }

  function expansions(form: FormObject, prefix: string): Set<string> {
    const list = read.array(form, "expand") ?? [];
    const wanted = new Set<string>();
    for (const item of list) {
      if (typeof item !== "string") throw invalid("Invalid array: expand", "expand");
      const known = [`${prefix}latest_invoice`, `${prefix}customer`, `${prefix}items.data.price`];
      if (!known.includes(item)) throw invalid(`This property cannot be expanded (${item}).`, "expand");
      wanted.add(item.slice(prefix.length));
    }
    return wanted;
  }

  function expandSubscription(subscription: Subscription, wanted: Set<string>): unknown {
    return {
      ...subscription,
      ...(wanted.has("latest_invoice") && subscription.latest_invoice
        ? { latest_invoice: state.invoices.get(subscription.latest_invoice) }
        : {}),
      ...(wanted.has("customer") ? { customer: customerJson(state.customers.get(subscription.customer)!) } : {}),
    };
  }

  function createCustomer(form: FormObject): unknown {
    onlyKnown(form, ["name", "email", "metadata", "description", "phone", "preferred_locales", "expand", "address"]);
    const email = read.string(form, "email", { max: 512 });
    if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw invalid(`Invalid email address: ${email.slice(0, 100)}`, "email", "email_invalid");
    const customer: Customer = {
      id: stripeId("cus"),
      object: "customer",
      created: state.now(),
      name: read.string(form, "name", { max: 256 }) ?? null,
      email: email ?? null,
      metadata: read.metadata(form) ?? {},
      livemode: false,
      cardDeclines: false,
    };
    state.customers.set(customer.id, customer);
    webhooks.emit("customer.created", customerJson(customer));
    return customerJson(customer);
  }

  function createCheckoutSession(form: FormObject): unknown {
    onlyKnown(form, [
      "mode",
      "line_items",
      "customer",
      "customer_email",
      "client_reference_id",
      "metadata",
      "success_url",
      "cancel_url",
      "subscription_data",
      "payment_method_collection",
      "automatic_tax",
      "customer_update",
      "tax_id_collection",
      "allow_promotion_codes",
      "billing_address_collection",
      "expand",
      "locale",
      "ui_mode",
      "currency",
    ]);
    const mode = read.string(form, "mode", { required: true })!;
    if (!["payment", "setup", "subscription"].includes(mode))
      throw invalid(`Invalid mode: must be one of payment, setup, or subscription`, "mode");
    if (mode !== "subscription") throw invalid("The emulator supports mode=subscription only.", "mode");
    const successUrl = read.string(form, "success_url", { required: true, max: 5000 })!;
    const cancelUrl = read.string(form, "cancel_url", { max: 5000 });
    for (const [param, value] of [
      ["success_url", successUrl],
      ["cancel_url", cancelUrl],
    ] as const) {
      if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) throw invalid("Not a valid URL", param, "url_invalid");
    }
    const customerId = read.string(form, "customer");
    const customerEmail = read.string(form, "customer_email");
    if (customerId && customerEmail)
      throw invalid("You may only specify one of these parameters: customer, customer_email.", "customer_email");
    if (customerId && !state.customers.has(customerId)) throw missing("customer", customerId, "customer");
    const items = read.array(form, "line_items");
    if (!items || items.length === 0) throw invalid("Missing required param: line_items.", "line_items", "parameter_missing");
    const lineItems = items.map((raw, index) => {
      if (typeof raw !== "object" || Array.isArray(raw)) throw invalid(`Invalid hash: line_items[${index}]`, `line_items[${index}]`);
      onlyKnown(raw, ["price", "quantity", "price_data", "adjustable_quantity", "tax_rates", "dynamic_tax_rates"]);
      const priceId = read.string(raw, "price");
      if (!priceId)
        throw invalid(`Missing required param: line_items[${index}][price].`, `line_items[${index}][price]`, "parameter_missing");
      const price = state.prices.get(priceId);
      if (!price) throw missing("price", priceId, `line_items[${index}][price]`);
      const quantity = read.integer(raw, "quantity", { min: 0, max: 999_999 });
      if (price.usageType === "metered" && quantity !== undefined) {
        throw invalid(
          `Quantity should not be specified where usage_type is \`metered\`. Remove quantity from \`line_items[${index}]\`.`,
          `line_items[${index}][quantity]`,
        );
      }
      if (price.usageType === "licensed" && quantity === undefined)
        throw invalid(`Missing required param: line_items[${index}][quantity].`, `line_items[${index}][quantity]`, "parameter_missing");
      return { price: priceId, ...(quantity !== undefined ? { quantity } : {}) };
    });
    const subscriptionData = read.object(form, "subscription_data") ?? {};
    onlyKnown(subscriptionData, [
      "trial_period_days",
      "trial_end",
      "metadata",
      "trial_settings",
      "description",
      "billing_cycle_anchor",
      "default_tax_rates",
    ]);
    const trialPeriodDays = read.integer(subscriptionData, "trial_period_days", { min: 1, max: 730 });
    const now = state.now();
    const id = stripeId("cs_test");
    const session: CheckoutSession = {
      id,
      object: "checkout.session",
      mode: "subscription",
      status: "open",
      payment_status: "unpaid",
      customer: customerId ?? null,
      customer_email: customerEmail ?? null,
      client_reference_id: read.string(form, "client_reference_id", { max: 200 }) ?? null,
      metadata: read.metadata(form) ?? {},
      success_url: successUrl,
      cancel_url: cancelUrl ?? null,
      url: `${baseUrl}/checkout/${id}`,
      subscription: null,
      created: now,
      expires_at: now + DAY,
      livemode: false,
      lineItems,
      trialPeriodDays: trialPeriodDays ?? null,
      subscriptionMetadata: read.metadata(subscriptionData) ?? {},
      declined: false,
    };
    state.checkoutSessions.set(id, session);
    return sessionJson(session);
  }

  function sessionJson(session: CheckoutSession) {
    const { lineItems: _l, trialPeriodDays: _t, subscriptionMetadata: _m, declined: _d, ...json } = session;
    return { ...json, url: session.status === "open" ? session.url : null };
  }

  function customerJson(customer: Customer) {
    const { cardDeclines: _c, ...json } = customer;
    return json;
  }

  function createPortalSession(form: FormObject): unknown {
    onlyKnown(form, ["customer", "return_url", "configuration", "flow_data", "locale", "on_behalf_of", "expand"]);
    const customerId = read.string(form, "customer", { required: true })!;
    if (!state.customers.has(customerId)) throw missing("customer", customerId, "customer");
    const returnUrl = read.string(form, "return_url", { max: 5000 });
    if (returnUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(returnUrl)) throw invalid("Not a valid URL", "return_url", "url_invalid");
    const id = stripeId("bps");
    const portal = {
      id,
      object: "billing_portal.session" as const,
      customer: customerId,
      return_url: returnUrl ?? null,
      url: `${baseUrl}/portal/${id}`,
      created: state.now(),
      livemode: false as const,
    };
    state.portalSessions.set(id, portal);
    return portal;
  }

  function listSubscriptions(form: FormObject): unknown {
    onlyKnown(form, ["customer", "status", "limit", "starting_after", "ending_before", "price", "expand", "created"]);
    const customer = read.string(form, "customer");
    const status = read.string(form, "status");
    if (status !== undefined && !SUBSCRIPTION_STATUSES.includes(status))
      throw invalid(`Invalid status: must be one of ${SUBSCRIPTION_STATUSES.join(", ")}`, "status");
    const limit = read.integer(form, "limit", { min: 1, max: 100 }) ?? 10;
    const wanted = expansions(form, "data.");
    let list = customer ? state.subscriptionsOf(customer) : [...state.subscriptions.values()].sort((a, b) => b.created - a.created);
    if (status === undefined) list = list.filter((s) => s.status !== "canceled" && s.status !== "incomplete_expired");
    else if (status === "ended") list = list.filter((s) => s.status === "canceled" || s.status === "incomplete_expired");
    else if (status !== "all") list = list.filter((s) => s.status === status);
    const after = read.string(form, "starting_after");
    if (after) list = list.slice(list.findIndex((s) => s.id === after) + 1);
    return {
      object: "list",
      url: "/v1/subscriptions",
      has_more: list.length > limit,
      data: list.slice(0, limit).map((s) => expandSubscription(s, wanted)),
    };
  }

  function listInvoices(form: FormObject): unknown {
    onlyKnown(form, ["customer", "subscription", "status", "limit", "starting_after", "ending_before", "expand", "created"]);
    const customer = read.string(form, "customer");
    const subscription = read.string(form, "subscription");
    const status = read.string(form, "status");
    if (status !== undefined && !["draft", "open", "paid", "uncollectible", "void"].includes(status))
      throw invalid("Invalid status", "status");
    const limit = read.integer(form, "limit", { min: 1, max: 100 }) ?? 10;
    let list = customer ? state.invoicesOf(customer) : [...state.invoices.values()].reverse().sort((a, b) => b.created - a.created);
    if (subscription) list = list.filter((i) => i.parent.subscription_details.subscription === subscription);
    if (status) list = list.filter((i) => i.status === status);
    return { object: "list", url: "/v1/invoices", has_more: list.length > limit, data: list.slice(0, limit) };
  }

  function updateSubscription(id: string, form: FormObject): unknown {
    onlyKnown(form, ["cancel_at_period_end", "metadata", "expand", "proration_behavior", "description"]);
    const subscription = subscriptionOr404(id);
    if (subscription.status === "canceled") {
      throw invalid("A canceled subscription can only update its cancellation_details and metadata.", undefined);
    }
    const previous: Record<string, unknown> = {};
    const cancelAtPeriodEnd = read.boolean(form, "cancel_at_period_end");
    if (cancelAtPeriodEnd !== undefined && cancelAtPeriodEnd !== subscription.cancel_at_period_end) {
      previous.cancel_at_period_end = subscription.cancel_at_period_end;
      setCancelAtPeriodEnd(subscription, cancelAtPeriodEnd);
    }
    const metadata = read.metadata(form);
    if (metadata) {
      previous.metadata = subscription.metadata;
      subscription.metadata = { ...subscription.metadata, ...metadata };
    }
    if (Object.keys(previous).length > 0) webhooks.emit("customer.subscription.updated", subscription, previous);
    return expandSubscription(subscription, expansions(form, ""));
  }

  function setCancelAtPeriodEnd(subscription: Subscription, value: boolean): void {
    subscription.cancel_at_period_end = value;
    subscription.cancel_at = value ? (subscription.items.data[0]?.current_period_end ?? null) : null;
    subscription.canceled_at = value ? state.now() : null;
  }

  function cancelNow(subscription: Subscription): Subscription {
    if (subscription.status === "canceled")
      throw invalid(`No such subscription: '${subscription.id}' is already canceled.`, "id", "resource_missing");
    const now = state.now();
    subscription.status = "canceled";
    subscription.canceled_at = now;
    subscription.ended_at = now;
    webhooks.emit("customer.subscription.deleted", subscription);
    return subscription;
  }

  function createMeterEvent(form: FormObject): unknown {
    onlyKnown(form, ["event_name", "payload", "identifier", "timestamp", "expand"]);
    const eventName = read.string(form, "event_name", { required: true, max: 100 })!;
    const payload = read.object(form, "payload");
    if (!payload) throw invalid("Missing required param: payload.", "payload", "parameter_missing");
    const identifier = read.string(form, "identifier", { max: 100 }) ?? stripeId("mev");
    const now = state.now();
    const timestamp = read.integer(form, "timestamp", { min: 0, max: 99_999_999_999 }) ?? now;
    if (timestamp < now - 35 * DAY || timestamp > now + 300) {
      throw invalid(
        "Timestamp must be within the past 35 calendar days or up to 5 minutes in the future.",
        "timestamp",
        "timestamp_too_far_in_past",
      );
    }
    const meter = [...state.prices.values()].find((p) => p.meterEventName === eventName);
    if (!meter) throw invalid(`No active meter found for event_name '${eventName.slice(0, 100)}'.`, "event_name");
    const customer = payload.stripe_customer_id;
    const value = payload.value;
    if (typeof customer !== "string" || !customer)
      throw invalid("Missing required param: payload[stripe_customer_id].", "payload[stripe_customer_id]", "parameter_missing");
    if (!state.customers.has(customer)) throw missing("customer", customer, "payload[stripe_customer_id]");
    if (typeof value !== "string" || !/^\d{1,12}(\.\d{1,12})?$/.test(value))
      throw invalid("payload[value] must be a non-negative number.", "payload[value]");
    const existing = state.meterEvents.get(identifier);
    if (existing) return existing; // identifiers are unique: a repeat is not counted again
    const event: MeterEvent = {
      object: "billing.meter_event",
      created: now,
      event_name: eventName,
      identifier,
      livemode: false,
      payload: { stripe_customer_id: customer, value },
      timestamp,
    };
    state.meterEvents.set(identifier, event);
    return event;
  }

  // --- Hosted pages ---

  function checkoutRoute(id: string, method: string, body: string, res: ServerResponse): void {
    const session = state.checkoutSessions.get(id);
    if (!session) return sendHtml(res, 404, "<h1>This Checkout Session does not exist</h1>");
    const customer = session.customer ? state.customers.get(session.customer) : undefined;
    if (method === "GET") return sendHtml(res, 200, checkoutPage(session, customer, state.prices));
    if (method !== "POST" || session.status !== "open") return sendHtml(res, 409, checkoutPage(session, customer, state.prices));
    const action = new URLSearchParams(body).get("action");
    if (action === "cancel") return redirect(res, session.cancel_url ?? session.success_url);
    if (action === "decline") {
      session.declined = true;
      return sendHtml(res, 402, checkoutPage(session, customer, state.prices));
    }
    if (action !== "pay") return sendHtml(res, 400, checkoutPage(session, customer, state.prices));
    completeCheckout(session);
    redirect(res, session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id));
  }

  function completeCheckout(session: CheckoutSession): void {
    let customer = session.customer ? state.customers.get(session.customer) : undefined;
    if (!customer) {
      customer = {
        id: stripeId("cus"),
        object: "customer",
        created: state.now(),
        name: null,
        email: session.customer_email,
        metadata: {},
        livemode: false,
        cardDeclines: false,
      };
      state.customers.set(customer.id, customer);
      session.customer = customer.id;
    }
    customer.cardDeclines = false;
    const subscription = state.createSubscription(session, customer);
    const amount = subscription.status === "trialing" ? 0 : state.periodAmount(subscription);
    const invoice = state.createInvoice(subscription, "subscription_create", amount);
    state.markPaid(invoice);
    session.status = "complete";
    session.payment_status = amount === 0 ? "no_payment_required" : "paid";
    session.subscription = subscription.id;
    webhooks.emit("customer.subscription.created", subscription);
    webhooks.emit("invoice.paid", invoice);
    webhooks.emit("checkout.session.completed", sessionJson(session));
  }

  function portalRoute(id: string, method: string, body: string, res: ServerResponse): void {
    const portal = state.portalSessions.get(id);
    if (!portal) return sendHtml(res, 404, "<h1>This portal session does not exist</h1>");
    const customer = state.customers.get(portal.customer)!;
    const render = (status: number) =>
      sendHtml(res, status, portalPage(portal, customer, state.subscriptionsOf(customer.id), state.invoicesOf(customer.id)));
    if (method === "GET") return render(200);
    const form = new URLSearchParams(body);
    const action = form.get("action");
    const subscription = state.subscriptions.get(form.get("subscription") ?? "");
    if (subscription && subscription.customer !== customer.id) return render(403);
    switch (action) {
      case "cancel_at_period_end":
      case "resume":
        if (subscription && subscription.status !== "canceled") {
          const before = subscription.cancel_at_period_end;
          setCancelAtPeriodEnd(subscription, action === "cancel_at_period_end");
          webhooks.emit("customer.subscription.updated", subscription, { cancel_at_period_end: before });
        }
        break;
      case "cancel_now":
        if (subscription && subscription.status !== "canceled") cancelNow(subscription);
        break;
      case "update_card":
        customer.cardDeclines = false;
        // Stripe retries the open invoices of a past_due subscription with the new card.
        for (const s of state.subscriptionsOf(customer.id)) {
          const open = s.latest_invoice ? state.invoices.get(s.latest_invoice) : undefined;
          if ((s.status === "past_due" || s.status === "unpaid") && open?.status === "open") payInvoice(s, open);
        }
        break;
      case "decline_card":
        customer.cardDeclines = true;
        break;
      default:
        return render(400);
    }
    res.writeHead(303, { location: `/portal/${portal.id}`, "content-length": 0 }).end();
  }

  // --- Commands ---

  function payInvoice(subscription: Subscription, invoice: Invoice): void {
    state.markPaid(invoice);
    const before = subscription.status;
    subscription.status = "active";
    webhooks.emit("invoice.paid", invoice);
    if (before !== "active") webhooks.emit("customer.subscription.updated", subscription, { status: before });
  }

  function failInvoice(subscription: Subscription, invoice: Invoice): void {
    state.markFailed(invoice);
    const before = subscription.status;
    if (before !== "unpaid") subscription.status = "past_due";
    webhooks.emit("invoice.payment_failed", invoice);
    if (before !== subscription.status) webhooks.emit("customer.subscription.updated", subscription, { status: before });
  }

  function live(id: string): Subscription {
    const subscription = state.subscriptions.get(id);
    if (!subscription) throw new Error(`no such subscription: ${id}`);
    if (subscription.status === "canceled") throw new Error(`subscription ${id} is canceled`);
    return subscription;
  }

  function renew(id: string, opts: { fail?: boolean } = {}): Invoice {
    const subscription = live(id);
    if (subscription.cancel_at_period_end) {
      cancelNow(subscription);
      return state.invoices.get(subscription.latest_invoice!)!;
    }
    state.advancePeriod(subscription);
    const invoice = state.createInvoice(subscription, "subscription_cycle", state.periodAmount(subscription));
    const customer = state.customers.get(subscription.customer)!;
    if (opts.fail || customer.cardDeclines) failInvoice(subscription, invoice);
    else payInvoice(subscription, invoice);
    return invoice;
  }

  function endTrial(id: string, opts: { fail?: boolean } = {}): Invoice {
    const subscription = live(id);
    if (subscription.status !== "trialing") throw new Error(`subscription ${id} is not trialing`);
    const now = state.now();
    subscription.trial_end = now;
    for (const item of subscription.items.data) {
      item.current_period_start = now;
      item.current_period_end = addMonth(now);
    }
    const invoice = state.createInvoice(subscription, "subscription_cycle", state.periodAmount(subscription));
    const customer = state.customers.get(subscription.customer)!;
    if (opts.fail || customer.cardDeclines) failInvoice(subscription, invoice);
    else payInvoice(subscription, invoice);
    return invoice;
  }

  function control(method: string, path: string[], url: URL): unknown {
    if (method !== "POST" && !(method === "GET" && path[0] === "meter_totals")) throw invalid("Unknown emulator command.");
    const [what, id, command] = path;
    if (what === "meter_totals") {
      const customer = url.searchParams.get("customer") ?? "";
      const eventName = url.searchParams.get("event_name") ?? "";
      return { customer, event_name: eventName, total: state.meterTotal(customer, eventName) };
    }
    if (what === "subscriptions" && id && command) {
      if (!state.subscriptions.has(id)) throw missing("subscription", id);
      switch (command) {
        case "renew":
          return renew(id);
        case "fail_payment":
          return emulator.failPayment(id);
        case "pay":
          return emulator.payOpenInvoice(id);
        case "mark_unpaid":
          emulator.markUnpaid(id);
          return state.subscriptions.get(id);
        case "end_trial":
          return endTrial(id);
        case "trial_will_end":
          emulator.trialWillEnd(id);
          return state.subscriptions.get(id);
      }
    }
    if (what === "webhooks" && id) {
      switch (id) {
        case "hold":
          webhooks.hold();
          return { held: true };
        case "release":
          webhooks.release(url.searchParams.get("order") === "reverse" ? "reverse" : "sent");
          return { held: false };
        case "drop":
          webhooks.drop(url.searchParams.get("type") ?? undefined);
          return { dropping: true };
        case "duplicate":
          webhooks.duplicate(Number(url.searchParams.get("count") ?? 1) || 1);
          return { duplicating: true };
      }
    }
    throw invalid("Unknown emulator command.");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const emulator: StripeEmulator = {
    url: baseUrl,
    state,
    webhooks,
    setWebhookEndpoint(endpoint) {
      webhooks.endpoint = endpoint;
    },
    setClockOffset(ms) {
      offsetMs = ms;
    },
    renew,
    failPayment(id) {
      const subscription = live(id);
      const open = subscription.latest_invoice ? state.invoices.get(subscription.latest_invoice) : undefined;
      if (open?.status === "open") {
        failInvoice(subscription, open);
        return open;
      }
      return renew(id, { fail: true });
    },
    payOpenInvoice(id) {
      const subscription = live(id);
      const open = subscription.latest_invoice ? state.invoices.get(subscription.latest_invoice) : undefined;
      if (open?.status !== "open") throw new Error(`subscription ${id} has no open invoice`);
      payInvoice(subscription, open);
      return open;
    },
    markUnpaid(id) {
      const subscription = live(id);
      const before = subscription.status;
      subscription.status = "unpaid";
      webhooks.emit("customer.subscription.updated", subscription, { status: before });
    },
    endTrial,
    trialWillEnd(id) {
      webhooks.emit("customer.subscription.trial_will_end", live(id));
    },
    cancel(id, opts = {}) {
      const subscription = live(id);
      if (opts.atPeriodEnd) {
        setCancelAtPeriodEnd(subscription, true);
        webhooks.emit("customer.subscription.updated", subscription, { cancel_at_period_end: false });
      } else cancelNow(subscription);
    },
    meterTotal: (customer, eventName) => state.meterTotal(customer, eventName),
    async close() {
      await webhooks.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}

/** An emulator price list for the plan and (optionally) metered call minutes. */
export function emulatedPrices(plan: { id: string; unitAmount?: number }, metered?: { id: string; eventName: string }): EmulatedPrice[] {
  return [
    { id: plan.id, unitAmount: plan.unitAmount ?? 4900, currency: "usd", usageType: "licensed" },
    ...(metered
      ? [{ id: metered.id, unitAmount: 10, currency: "usd", usageType: "metered" as const, meterEventName: metered.eventName }]
      : []),
  ];
}

export function randomEmulatorKey(): string {
  return `sk_test_${randomBytes(18).toString("hex")}`;
}

export type { StripeEvent };
export { priceJson };

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalid("Request body too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "request-id": `req_${randomBytes(8).toString("hex")}`,
    "stripe-version": "2026-11-18.endive",
    ...headers,
  });
  res.end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(303, { location, "content-length": 0 });
  res.end();
}
