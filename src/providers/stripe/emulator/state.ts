import { randomBytes } from "node:crypto";

/** What the emulator holds: Stripe objects as the API returns them (the fields Clinicall reads, and their neighbours). */

export interface EmulatedPrice {
  id: string;
  unitAmount: number;
  currency: string;
  usageType: "licensed" | "metered";
  /** The meter's event name for a metered price. */
  meterEventName?: string;
}

export interface Customer {
  id: string;
  object: "customer";
  created: number;
  name: string | null;
  email: string | null;
  metadata: Record<string, string>;
  livemode: false;
  /** Emulator-only: whether the card on file pays (changed on the portal page). */
  cardDeclines: boolean;
}

interface SubscriptionItem {
  id: string;
  object: "subscription_item";
  price: ReturnType<typeof priceJson>;
  quantity?: number;
  current_period_start: number;
  current_period_end: number;
  subscription: string;
}

type SubscriptionStatus = "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";

export interface Subscription {
  id: string;
  object: "subscription";
  customer: string;
  status: SubscriptionStatus;
  created: number;
  start_date: number;
  trial_start: number | null;
  trial_end: number | null;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  latest_invoice: string | null;
  metadata: Record<string, string>;
  livemode: false;
  collection_method: "charge_automatically";
  items: { object: "list"; data: SubscriptionItem[]; has_more: false; total_count: number; url: string };
}

type InvoiceStatus = "draft" | "open" | "paid" | "uncollectible" | "void";

export interface Invoice {
  id: string;
  object: "invoice";
  customer: string;
  number: string;
  status: InvoiceStatus;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  currency: string;
  created: number;
  period_start: number;
  period_end: number;
  billing_reason: "subscription_create" | "subscription_cycle" | "subscription_update";
  attempt_count: number;
  attempted: boolean;
  next_payment_attempt: number | null;
  hosted_invoice_url: string;
  invoice_pdf: string;
  livemode: false;
  parent: { type: "subscription_details"; subscription_details: { subscription: string; metadata: Record<string, string> } };
  status_transitions: { finalized_at: number | null; paid_at: number | null };
}

export interface CheckoutSession {
  id: string;
  object: "checkout.session";
  mode: "subscription" | "payment" | "setup";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid" | "no_payment_required";
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  subscription: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  /** Emulator-only: what the session was created with. */
  lineItems: { price: string; quantity?: number }[];
  trialPeriodDays: number | null;
  subscriptionMetadata: Record<string, string>;
  /** Emulator-only: the last decline shown on the page. */
  declined: boolean;
}

export interface PortalSession {
  id: string;
  object: "billing_portal.session";
  customer: string;
  return_url: string | null;
  url: string;
  created: number;
  livemode: false;
}

export interface MeterEvent {
  object: "billing.meter_event";
  created: number;
  event_name: string;
  identifier: string;
  livemode: false;
  payload: Record<string, string>;
  timestamp: number;
}

export function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
}

export function priceJson(price: EmulatedPrice) {
  return {
    id: price.id,
    object: "price" as const,
    active: true,
    currency: price.currency,
    unit_amount: price.usageType === "metered" ? null : price.unitAmount,
    unit_amount_decimal: String(price.unitAmount),
    type: "recurring" as const,
    recurring: {
      interval: "month" as const,
      interval_count: 1,
      usage_type: price.usageType,
      meter: price.meterEventName ? `mtr_${price.meterEventName}` : null,
    },
    livemode: false as const,
  };
}

const DAY = 86_400;

/** One calendar month later (Stripe bills monthly plans on the same day of the month). */
export function addMonth(seconds: number): number {
  const date = new Date(seconds * 1000);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return Math.floor(date.getTime() / 1000);
}

export class StripeState {
  readonly customers = new Map<string, Customer>();
  readonly prices = new Map<string, EmulatedPrice>();
  readonly checkoutSessions = new Map<string, CheckoutSession>();
  readonly portalSessions = new Map<string, PortalSession>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly invoices = new Map<string, Invoice>();
  /** By identifier: a second event with the same identifier is not counted again. */
  readonly meterEvents = new Map<string, MeterEvent>();
  private invoiceCounter = 0;

  constructor(
    readonly baseUrl: () => string,
    readonly nowMs: () => number,
  ) {}

  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Subscriptions of a customer, newest first (Stripe's list order). */
  subscriptionsOf(customer: string): Subscription[] {
    return [...this.subscriptions.values()]
      .filter((s) => s.customer === customer)
      .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  }

  /** Newest first, as Stripe lists them; invoices of the same second newest-made first (a stable sort of the reversed insertion order). */
  invoicesOf(customer: string): Invoice[] {
    return [...this.invoices.values()]
      .reverse()
      .filter((i) => i.customer === customer)
      .sort((a, b) => b.created - a.created);
  }

  /** Sum of `value` over the customer's meter events for one event name (each identifier once). */
  meterTotal(customer: string, eventName: string): number {
    let total = 0;
    for (const event of this.meterEvents.values()) {
      if (event.event_name === eventName && event.payload.stripe_customer_id === customer) total += Number(event.payload.value);
    }
    return total;
  }

  createSubscription(session: CheckoutSession, customer: Customer): Subscription {
    const now = this.now();
    const id = stripeId("sub");
    const trialEnd = session.trialPeriodDays ? now + session.trialPeriodDays * DAY : null;
    const periodEnd = trialEnd ?? addMonth(now);
    const subscription: Subscription = {
      id,
      object: "subscription",
      customer: customer.id,
      status: trialEnd ? "trialing" : "active",
      created: now,
      start_date: now,
      trial_start: trialEnd ? now : null,
      trial_end: trialEnd,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      latest_invoice: null,
      metadata: session.subscriptionMetadata,
      livemode: false,
      collection_method: "charge_automatically",
      items: {
        object: "list",
        data: session.lineItems.map((item) => ({
          id: stripeId("si"),
          object: "subscription_item" as const,
          price: priceJson(this.prices.get(item.price)!),
          ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
          current_period_start: now,
          current_period_end: periodEnd,
          subscription: id,
        })),
        has_more: false,
        total_count: session.lineItems.length,
        url: `/v1/subscription_items?subscription=${id}`,
      },
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  /** The licensed amount of one period (metered usage is billed by Stripe from the meter; not modelled). */
  periodAmount(subscription: Subscription): number {
    return subscription.items.data.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0);
  }

  createInvoice(subscription: Subscription, reason: Invoice["billing_reason"], amount: number): Invoice {
    const now = this.now();
    const id = stripeId("in");
    const item = subscription.items.data[0];
    const invoice: Invoice = {
      id,
      object: "invoice",
      customer: subscription.customer,
      number: `EMU-${String(++this.invoiceCounter).padStart(4, "0")}`,
      status: "open",
      amount_due: amount,
      amount_paid: 0,
      amount_remaining: amount,
      currency: item?.price.currency ?? "usd",
      created: now,
      period_start: item?.current_period_start ?? now,
      period_end: item?.current_period_end ?? now,
      billing_reason: reason,
      attempt_count: 0,
      attempted: false,
      next_payment_attempt: now,
      hosted_invoice_url: `${this.baseUrl()}/invoices/${id}`,
      invoice_pdf: `${this.baseUrl()}/invoices/${id}/pdf`,
      livemode: false,
      parent: { type: "subscription_details", subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
      status_transitions: { finalized_at: now, paid_at: null },
    };
    this.invoices.set(id, invoice);
    subscription.latest_invoice = id;
    return invoice;
  }

  markPaid(invoice: Invoice): void {
    invoice.status = "paid";
    invoice.attempted = true;
    invoice.attempt_count = Math.max(1, invoice.attempt_count + (invoice.amount_due > 0 ? 1 : 0));
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = this.now();
  }

  markFailed(invoice: Invoice): void {
    invoice.attempted = true;
    invoice.attempt_count += 1;
    invoice.next_payment_attempt = this.now() + 3 * DAY;
  }

  /** Starts the next period on every item. */
  advancePeriod(subscription: Subscription): void {
    for (const item of subscription.items.data) {
      item.current_period_start = item.current_period_end;
      item.current_period_end = addMonth(item.current_period_end);
    }
  }
}
