import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { syncStripeCustomer } from "./sync-customer";

/**
 * One Stripe event (or the nightly pass, or a return from Checkout) → sync that customer. The sync
 * is convergent, so every event gets its own job and a retried or repeated job is harmless.
 */
export const billingSyncCustomerJob = defineJob({
  name: "billing.sync-customer",
  payload: z
    .object({
      organisationId: z.uuid(),
      customerId: z.string().regex(/^cus_[A-Za-z0-9_]{1,250}$/),
    })
    .strict(),
  retry: { limit: 8, delaySeconds: 30, backoff: true, maxDelaySeconds: 3600 },
  timeoutSeconds: 120,
  unique: "none",
  async handle(payload) {
    await syncStripeCustomer(payload.organisationId, payload.customerId);
  },
});
