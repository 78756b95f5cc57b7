import { desc, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { subscriptions } from "@/server/db/schema";

export interface SubscriptionStatusJson {
  /** Stripe's status (active, trialing, past_due, canceled, ...) or "none" before the first subscription. */
  status: string;
  plan: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
}

/** The clinic's newest subscription, as every member may read it (RLS). */
export async function getSubscriptionStatus(actor: Actor): Promise<SubscriptionStatusJson> {
  const { organisationId } = actor;
  const [row] = await asUser(actor, (tx) =>
    tx
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.organisationId, organisationId))
      .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
      .limit(1),
  );
  if (!row) return { status: "none", plan: null, current_period_end: null, cancel_at_period_end: false };
  return {
    status: row.status,
    plan: row.plan,
    current_period_end: row.currentPeriodEnd ? row.currentPeriodEnd.toISOString() : null,
    cancel_at_period_end: row.cancelAtPeriodEnd,
  };
}
