import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { processProviderDeletions } from "./provider-deletions";

/**
 * Every 5 minutes: asks Twilio and Vapi to delete their copies of what we no longer keep
 * (provider-deletions.ts), each request done or failed and retried on its own schedule.
 * Idempotent: done requests are not taken again, and a repeated DELETE finds a 404 (done).
 */
export const privacyProviderDeletionsJob = defineJob(jobTypes["privacy.provider-deletions"], async (_payload, context) => {
  await processProviderDeletions({ signal: context.signal });
});
