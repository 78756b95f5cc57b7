import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import { recordReadAudit } from "@/server/audit/record-audit";
import { getConfig } from "@/server/config";
import { type Actor, asUser } from "@/server/db/access";
import { DomainError } from "@/server/errors";
import { describeError, log } from "@/server/log";
import { ensureStripeCustomer, isMissingCustomer } from "./ensure-customer";
import { BillingNotConfiguredError, getStripe, stripeUnavailable } from "./stripe";

const DAY_MS = 86_400_000;

/**
 * POST /api/billing/checkout (owners): a Checkout Session in subscription mode for the plan (and
 * the metered minutes price when configured) for the organisation's Stripe customer, with what is
 * left of the clinic's free trial when it never had a subscription; `client_reference_id` and
 * metadata name the organisation; success and cancel URLs lead back to the Billing page.
 */
export async function startCheckout(actor: Actor, now = new Date()): Promise<{ url: string }> {
  const { billing, publicBaseUrl } = getConfig();
  if (!billing.enabled || !billing.priceId) throw new BillingNotConfiguredError();
  const { organisationId } = actor;
  // Read as the person (RLS): their clinic's creation and its subscriptions.
  const facts = await asUser(actor, async (tx) => {
    const { rows } = await tx.execute(sql`
      select o.created_at,
        exists (select 1 from public.subscriptions s where s.organisation_id = o.id and s.status in ('active', 'trialing', 'past_due', 'unpaid', 'paused')) as live,
        exists (select 1 from public.subscriptions s where s.organisation_id = o.id and s.stripe_subscription_id is not null) as ever
      from public.organisations o where o.id = ${organisationId}`);
    return rows[0];
  });
  if (!facts) throw new DomainError("not_found", "This clinic no longer exists.");
  if (facts.live) {
    throw new DomainError("conflict", "This clinic already has a subscription. Use Manage billing to change it.", {
      reason: "already_subscribed",
    });
  }
  const trialEnds = new Date(new Date(facts.created_at as string).getTime() + billing.trialDays * DAY_MS);
  const trialDays = facts.ever ? 0 : Math.ceil((trialEnds.getTime() - now.getTime()) / DAY_MS);
  const billingPage = `${publicBaseUrl}/dashboard/billing`;
  const params = (customer: string): Stripe.Checkout.SessionCreateParams => ({
    mode: "subscription",
    customer,
    client_reference_id: organisationId,
    metadata: { organisation_id: organisationId },
    line_items: [{ price: billing.priceId!, quantity: 1 }, ...(billing.metered ? [{ price: billing.metered.priceId }] : [])],
    subscription_data: {
      metadata: { organisation_id: organisationId },
      ...(trialDays >= 1 ? { trial_period_days: Math.min(730, trialDays) } : {}),
    },
    success_url: `${billingPage}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${billingPage}?checkout=canceled`,
  });
  let customer = await ensureStripeCustomer(organisationId);
  try {
    let session: Stripe.Checkout.Session;
    try {
      session = await getStripe().checkout.sessions.create(params(customer));
    } catch (error) {
      if (!isMissingCustomer(error)) throw error;
      customer = await ensureStripeCustomer(organisationId, { replacing: customer });
      session = await getStripe().checkout.sessions.create(params(customer));
    }
    if (!session.url) throw new Error("Checkout Session without a url");
    // Stripe holds the change from here; the log records who started it.
    await recordReadAudit(actor, {
      action: "billing.checkout_started",
      objectType: "organisation",
      objectId: organisationId,
      details: { trial_days: Math.max(0, trialDays) },
    });
    return { url: session.url };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    log.error({ organisationId, err: describeError(error) }, "Stripe Checkout Session could not be created");
    throw stripeUnavailable();
  }
}
