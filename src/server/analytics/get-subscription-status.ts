import { sql } from "drizzle-orm";
import { type AccessReason, type Banner, decideBillingAccess } from "@/server/billing/billing-access";
import { currentSubscriptionOrder } from "@/server/billing/current-subscription";
import { getConfig } from "@/server/config";
import { type Actor, asUser } from "@/server/db/access";

export interface SubscriptionStatusJson {
  /** False when the installation has no STRIPE_SECRET_KEY: nothing is gated. */
  billing_enabled: boolean;
  /** Stripe's status (active, trialing, past_due, canceled, ...) or "none" before the first subscription. */
  status: string;
  plan: string | null;
  current_period_start: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  /** Stripe's trial end, or before any subscription the end of the clinic's own free trial. */
  trial_end: string | null;
  latest_invoice_status: string | null;
  /** Billable minutes in the current period (or the clinic's trial so far). */
  minutes_used: number;
  minutes_included: number;
  /** What billing means for calls: served or not, why, and the banner every page shows. */
  access: { serve: boolean; reason: AccessReason; banner: Banner; grace_ends_at: string | null };
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/** The clinic's current subscription, its usage this period and what it means, as every member may read it (RLS). */
export async function getSubscriptionStatus(actor: Actor, now = new Date()): Promise<SubscriptionStatusJson> {
  const { billing } = getConfig();
  const row = await asUser(actor, async (tx) => {
    const { rows } = await tx.execute(sql`
      select o.created_at as organisation_created_at, s.*
      from public.organisations o
      left join lateral (
        select s.status, s.plan, s.current_period_start, s.current_period_end, s.cancel_at_period_end, s.trial_end,
               s.latest_invoice_status, s.past_due_since
        from public.subscriptions s where s.organisation_id = o.id
        order by ${currentSubscriptionOrder} limit 1
      ) s on true
      where o.id = ${actor.organisationId}`);
    const found = rows[0] as Record<string, unknown> | undefined;
    if (!found) return undefined;
    const from = found.current_period_start ?? found.organisation_created_at;
    const to = found.current_period_end ?? null;
    const usage = await tx.execute(sql`
      select coalesce(sum(minutes), 0)::int as minutes from public.billing_usage
      where organisation_id = ${actor.organisationId} and occurred_at >= ${iso(from)}::timestamptz
        and (${iso(to)}::timestamptz is null or occurred_at < ${iso(to)}::timestamptz)`);
    return { ...found, minutes_used: Number(usage.rows[0]?.minutes ?? 0) } as Record<string, unknown> & { minutes_used: number };
  });
  const status = (row?.status as string | null) ?? null;
  const access = decideBillingAccess({
    enabled: billing.enabled,
    now,
    organisationCreatedAt: new Date((row?.organisation_created_at as string) ?? now),
    trialDays: billing.trialDays,
    graceDays: billing.graceDays,
    subscription: status
      ? {
          status,
          trialEnd: row?.trial_end ? new Date(row.trial_end as string) : null,
          pastDueSince: row?.past_due_since ? new Date(row.past_due_since as string) : null,
          cancelAtPeriodEnd: Boolean(row?.cancel_at_period_end),
          currentPeriodEnd: row?.current_period_end ? new Date(row.current_period_end as string) : null,
        }
      : null,
  });
  return {
    billing_enabled: billing.enabled,
    status: status ?? "none",
    plan: (row?.plan as string | null) ?? null,
    current_period_start: iso(row?.current_period_start),
    current_period_end: iso(row?.current_period_end),
    cancel_at_period_end: Boolean(row?.cancel_at_period_end),
    trial_end: billing.enabled ? (access.trialEndsAt?.toISOString() ?? null) : iso(row?.trial_end),
    latest_invoice_status: (row?.latest_invoice_status as string | null) ?? null,
    minutes_used: row?.minutes_used ?? 0,
    minutes_included: billing.includedMinutes,
    access: { serve: access.serve, reason: access.reason, banner: access.banner, grace_ends_at: access.graceEndsAt?.toISOString() ?? null },
  };
}
