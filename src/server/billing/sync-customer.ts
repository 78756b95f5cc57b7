import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { asService } from "@/server/db/access";
import { billingCustomers, subscriptions } from "@/server/db/schema";
import { log } from "@/server/log";
import { getStripe } from "./stripe";

const seconds = (value: number | null | undefined) => (typeof value === "number" ? new Date(value * 1000) : null);

export type SyncOutcome = { kind: "synced"; subscriptions: number } | { kind: "not_this_organisation" };

/**
 * The convergent sync: fetches the customer's subscriptions from Stripe (every status) and
 * upserts one row per subscription for the organisation, whatever event (or none) caused it, so
 * duplicates, replays and any delivery order end in the state Stripe holds. Never trusts a
 * webhook's payload. Does nothing unless the customer is this organisation's own, and never
 * touches a subscription row another organisation holds.
 */
export async function syncStripeCustomer(organisationId: string, customerId: string): Promise<SyncOutcome> {
  const owned = await asService(async (tx) => {
    const [row] = await tx
      .select({ id: billingCustomers.stripeCustomerId })
      .from(billingCustomers)
      .where(and(eq(billingCustomers.organisationId, organisationId), eq(billingCustomers.stripeCustomerId, customerId)));
    return Boolean(row);
  });
  if (!owned) {
    log.warn({ organisationId, customerId }, "billing sync skipped: the customer is not this organisation's");
    return { kind: "not_this_organisation" };
  }
  const list = await getStripe().subscriptions.list({ customer: customerId, status: "all", limit: 100, expand: ["data.latest_invoice"] });
  const mine = list.data.filter(
    (s) => customerOf(s) === customerId && (!s.metadata?.organisation_id || s.metadata.organisation_id === organisationId),
  );
  if (mine.length < list.data.length)
    log.warn({ organisationId, customerId }, "billing sync skipped subscriptions that name another organisation");

  await asService(async (tx) => {
    for (const subscription of mine) {
      const row = rowFor(subscription);
      const [previous] = await tx
        .select({
          status: subscriptions.status,
          latestInvoiceId: subscriptions.latestInvoiceId,
          organisationId: subscriptions.organisationId,
        })
        .from(subscriptions)
        .where(eq(subscriptions.stripeSubscriptionId, subscription.id));
      if (previous && previous.organisationId !== organisationId) {
        log.warn({ organisationId, subscriptionId: subscription.id }, "billing sync skipped a subscription another organisation holds");
        continue;
      }
      const [written] = await tx
        .execute(sql`
        insert into public.subscriptions (organisation_id, stripe_customer_id, stripe_subscription_id, status, plan, price_id,
          current_period_start, current_period_end, trial_start, trial_end, cancel_at_period_end, canceled_at,
          latest_invoice_id, latest_invoice_status, past_due_since, stripe_created_at, synced_at)
        values (${organisationId}, ${customerId}, ${subscription.id}, ${row.status}, ${row.plan}, ${row.priceId},
          ${iso(row.currentPeriodStart)}::timestamptz, ${iso(row.currentPeriodEnd)}::timestamptz, ${iso(row.trialStart)}::timestamptz,
          ${iso(row.trialEnd)}::timestamptz, ${row.cancelAtPeriodEnd}, ${iso(row.canceledAt)}::timestamptz,
          ${row.latestInvoiceId}, ${row.latestInvoiceStatus}, ${iso(row.pastDueSince)}::timestamptz, ${iso(row.createdAt)}::timestamptz, now())
        on conflict (stripe_subscription_id) do update set
          stripe_customer_id = excluded.stripe_customer_id, status = excluded.status, plan = excluded.plan, price_id = excluded.price_id,
          current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
          trial_start = excluded.trial_start, trial_end = excluded.trial_end, cancel_at_period_end = excluded.cancel_at_period_end,
          canceled_at = excluded.canceled_at, latest_invoice_id = excluded.latest_invoice_id,
          latest_invoice_status = excluded.latest_invoice_status,
          past_due_since = case when excluded.status in ('past_due', 'unpaid')
            then coalesce(excluded.past_due_since, public.subscriptions.past_due_since, now()) end,
          stripe_created_at = excluded.stripe_created_at, synced_at = now(), updated_at = now()
        where public.subscriptions.organisation_id = excluded.organisation_id
        returning past_due_since`)
        .then((r) => r.rows);
      if (!written) log.warn({ organisationId, subscriptionId: subscription.id }, "billing sync: the subscription row was not written");
    }
  });
  return { kind: "synced", subscriptions: mine.length };
}

function customerOf(subscription: Stripe.Subscription): string {
  return typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The columns for one Stripe subscription (the 2025+ API keeps the period on its items). */
function rowFor(subscription: Stripe.Subscription) {
  const items = subscription.items?.data ?? [];
  const licensed = items.find((i) => i.price?.recurring?.usage_type !== "metered") ?? items[0];
  const invoice = typeof subscription.latest_invoice === "object" && subscription.latest_invoice ? subscription.latest_invoice : null;
  const legacy = subscription as unknown as { current_period_start?: number; current_period_end?: number };
  const invoiceOpen = invoice?.status === "open";
  return {
    status: subscription.status,
    priceId: licensed?.price?.id ?? null,
    plan: licensed?.price?.nickname ?? licensed?.price?.id ?? null,
    currentPeriodStart: seconds(licensed?.current_period_start ?? legacy.current_period_start),
    currentPeriodEnd: seconds(licensed?.current_period_end ?? legacy.current_period_end),
    trialStart: seconds(subscription.trial_start),
    trialEnd: seconds(subscription.trial_end),
    cancelAtPeriodEnd: Boolean(subscription.cancel_at_period_end),
    canceledAt: seconds(subscription.canceled_at),
    latestInvoiceId: invoice?.id ?? (typeof subscription.latest_invoice === "string" ? subscription.latest_invoice : null),
    latestInvoiceStatus: invoice?.status ?? null,
    // The grace period counts from the open invoice's first attempt (right after it was created).
    pastDueSince: (subscription.status === "past_due" || subscription.status === "unpaid") && invoiceOpen ? seconds(invoice.created) : null,
    createdAt: seconds(subscription.created),
  };
}
