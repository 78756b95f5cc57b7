import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import { providerEpochSeconds } from "@/providers/provider-values";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { enqueue } from "@/server/jobs/enqueue";
import { log } from "@/server/log";
import { queueOwnerNotice } from "./owner-notices";

/** The events that change what a clinic is entitled to; each causes a sync of its customer. */
const TRACKED_EVENTS = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "customer.subscription.trial_will_end",
  "invoice.paid",
  "invoice.payment_succeeded",
  "invoice.payment_failed",
  "invoice.payment_action_required",
  "invoice.marked_uncollectible",
]);

export type ReceiveOutcome = "enqueued" | "duplicate" | "ignored_type" | "unknown_customer";

/**
 * A verified Stripe event: the customer it names is looked up among our organisations (an event
 * for a customer we do not hold changes nothing); the event id goes into the ledger once, in the
 * same transaction that enqueues the sync of that customer. A replay finds the id and does nothing.
 */
export async function receiveStripeEvent(event: Stripe.Event): Promise<ReceiveOutcome> {
  if (!TRACKED_EVENTS.has(event.type)) return "ignored_type";
  const customerId = customerOf(event.data.object);
  if (!customerId) return "unknown_customer";
  return asService(async (tx) => {
    const { rows } = await tx.execute(sql`select organisation_id from public.billing_customers where stripe_customer_id = ${customerId}`);
    const organisationId = rows[0]?.organisation_id as string | undefined;
    if (!organisationId) {
      log.warn({ eventId: event.id, type: event.type }, "Stripe event for a customer no clinic holds: ignored");
      return "unknown_customer";
    }
    const inserted = await tx.execute(sql`
      insert into public.stripe_events (organisation_id, event_id, type, stripe_customer_id, stripe_created_at)
      values (${organisationId}, ${event.id}, ${event.type}, ${customerId}, to_timestamp(${event.created}))
      on conflict do nothing returning event_id`);
    if (inserted.rows.length === 0) return "duplicate";
    await enqueue(tx, "billing.sync-customer", { organisationId, customerId });
    await noticeFor(tx, organisationId, event);
    return "enqueued";
  });
}

const CUSTOMER_ID = /^cus_[A-Za-z0-9_]{1,250}$/;

function customerOf(object: unknown): string | undefined {
  const o = object as { object?: string; id?: string; customer?: string | { id?: string } | null };
  const id = o?.object === "customer" ? o.id : typeof o?.customer === "string" ? o.customer : o?.customer?.id;
  return typeof id === "string" && CUSTOMER_ID.test(id) ? id : undefined;
}

const DAY_MS = 86_400_000;

/**
 * The owners' emails come from the verified events themselves (the sync is state only): a failed
 * payment (keyed by the invoice, so Stripe's retries of it send one email) and the trial ending
 * (keyed by the subscription and its trial end). Sent in the ledger's transaction, so a replayed
 * event sends nothing; a dropped one is not repaired by the nightly sync (state is).
 */
async function noticeFor(tx: Parameters<Parameters<typeof asService>[0]>[0], organisationId: string, event: Stripe.Event): Promise<void> {
  // The ids key the emails and the times are printed in them: an id or a time Stripe would never
  // send (a NUL, 100 KB, 1e308 seconds) sends no email, and the event is still recorded.
  if (event.type === "invoice.payment_failed") {
    const invoice = event.data.object as Stripe.Invoice;
    const created = providerEpochSeconds(invoice.created);
    if (!isStripeId(invoice.id, "in") || !created) return;
    const graceEndsAt = new Date(created.getTime() + getConfig().billing.graceDays * DAY_MS);
    await queueOwnerNotice(tx, { kind: "payment_failed", organisationId, invoiceId: invoice.id, graceEndsAt });
  }
  if (event.type === "customer.subscription.trial_will_end") {
    const subscription = event.data.object as Stripe.Subscription;
    const trialEnd = providerEpochSeconds(subscription.trial_end);
    if (!isStripeId(subscription.id, "sub") || !trialEnd) return;
    await queueOwnerNotice(tx, { kind: "trial_ending", organisationId, subscriptionId: subscription.id, trialEnd });
  }
}

function isStripeId(value: unknown, prefix: string): value is string {
  return typeof value === "string" && value.length <= 255 && value.startsWith(`${prefix}_`) && /^[A-Za-z0-9_]+$/.test(value);
}
