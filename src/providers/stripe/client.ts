import Stripe from "stripe";

export interface StripeClientSettings {
  secretKey: string;
  /** From STRIPE_API_URL: Stripe's origin or an emulator's. */
  api: { protocol: "http" | "https"; host: string; port: number };
}

/**
 * The `stripe` package pointed at STRIPE_API_URL through its host, port and protocol options
 * (which replace every base address it knows). Two network retries on POSTs, each keyed with an
 * idempotency key by the package, and a 10 s bound per request.
 */
export function createStripeClient(settings: StripeClientSettings): Stripe {
  return new Stripe(settings.secretKey, {
    host: settings.api.host,
    port: settings.api.port,
    protocol: settings.api.protocol,
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
  });
}

export type { Stripe };
