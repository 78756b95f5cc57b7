import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { syncStripeCustomer } from "./sync-customer";

/**
 * One Stripe event (or the nightly pass, or a return from Checkout) → sync that customer. The sync
 * is convergent, so every event gets its own job and a retried or repeated job is harmless.
 */
export const billingSyncCustomerJob = defineJob(jobTypes["billing.sync-customer"], async (payload) => {
  await syncStripeCustomer(payload.organisationId, payload.customerId);
});
