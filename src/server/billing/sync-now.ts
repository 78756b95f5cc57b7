import { eq } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { type Actor, asUser } from "@/server/db/access";
import { billingCustomers } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { stripeUnavailable } from "./stripe";
import { syncStripeCustomer } from "./sync-customer";

/**
 * POST /api/billing/sync: on return from Checkout or the portal, the clinic's customer is synced at
 * once, so the page shows the new plan without waiting for a webhook. The same convergent sync
 * the webhook's job runs; it only copies what Stripe holds.
 */
export async function syncBillingNow(actor: Actor): Promise<{ synced: boolean }> {
  if (!getConfig().billing.enabled) return { synced: false };
  const [row] = await asUser(actor, (tx) =>
    tx
      .select({ id: billingCustomers.stripeCustomerId })
      .from(billingCustomers)
      .where(eq(billingCustomers.organisationId, actor.organisationId)),
  );
  if (!row) return { synced: false };
  try {
    await syncStripeCustomer(actor.organisationId, row.id);
    return { synced: true };
  } catch (error) {
    log.error({ organisationId: actor.organisationId, err: describeError(error) }, "billing sync on return failed");
    throw stripeUnavailable();
  }
}
