import { eq } from "drizzle-orm";
import { recordReadAudit } from "@/server/audit/record-audit";
import { getConfig } from "@/server/config";
import { type Actor, asUser } from "@/server/db/access";
import { billingCustomers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { describeError, log } from "@/server/log";
import { BillingNotConfiguredError, getStripe, stripeUnavailable } from "./stripe";

/** POST /api/billing/portal (owners): a Customer Portal session that returns to the Billing page. */
export async function openBillingPortal(actor: Actor): Promise<{ url: string }> {
  const { billing, publicBaseUrl } = getConfig();
  if (!billing.enabled) throw new BillingNotConfiguredError();
  const [row] = await asUser(actor, (tx) =>
    tx
      .select({ id: billingCustomers.stripeCustomerId })
      .from(billingCustomers)
      .where(eq(billingCustomers.organisationId, actor.organisationId)),
  );
  if (!row) throw new DomainError("conflict", "This clinic has not subscribed yet: choose Subscribe first.", { reason: "no_customer" });
  try {
    const session = await getStripe().billingPortal.sessions.create({
      customer: row.id,
      return_url: `${publicBaseUrl}/dashboard/billing?portal=returned`,
    });
    await recordReadAudit(actor, { action: "billing.portal_opened", objectType: "organisation", objectId: actor.organisationId });
    return { url: session.url };
  } catch (error) {
    log.error({ organisationId: actor.organisationId, err: describeError(error) }, "Stripe portal session could not be created");
    throw stripeUnavailable();
  }
}
