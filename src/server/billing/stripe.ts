import type Stripe from "stripe";
import { createStripeClient } from "@/providers/stripe/client";
import { getConfig } from "@/server/config";
import { DomainError } from "@/server/errors";

/** Billing is off (no STRIPE_SECRET_KEY): nothing can be bought, nothing is gated. */
export class BillingNotConfiguredError extends DomainError {
  constructor() {
    super("conflict", "Billing is not configured for this installation.", { reason: "billing_not_configured" });
  }
}

const holder = globalThis as unknown as { __clinicallStripe?: { key: string; url: string; client: Stripe } };

/** The process's Stripe client (STRIPE_SECRET_KEY at STRIPE_API_URL); throws when billing is off. */
export function getStripe(): Stripe {
  const { billing } = getConfig();
  if (!billing.enabled || !billing.secretKey) throw new BillingNotConfiguredError();
  const url = `${billing.api.protocol}://${billing.api.host}:${billing.api.port}`;
  const cached = holder.__clinicallStripe;
  if (cached && cached.key === billing.secretKey && cached.url === url) return cached.client;
  const client = createStripeClient({ secretKey: billing.secretKey, api: billing.api });
  holder.__clinicallStripe = { key: billing.secretKey, url, client };
  return client;
}

/** A Stripe failure we cannot fix here: the person is told to try again; the log keeps Stripe's words. */
export function stripeUnavailable(): DomainError {
  return new DomainError("provider_unavailable", "Stripe did not answer as expected. Please try again in a minute.");
}
