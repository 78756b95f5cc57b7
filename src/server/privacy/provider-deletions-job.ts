import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { processProviderDeletions } from "./provider-deletions";

/**
 * Every 5 minutes: asks Twilio and Vapi to delete their copies of what we no longer keep
 * (provider-deletions.ts), each request done or failed and retried on its own schedule.
 * Idempotent: done requests are not taken again, and a repeated DELETE finds a 404 (done).
 */
export const privacyProviderDeletionsJob = defineJob({
  name: "privacy.provider-deletions",
  payload: z.object({}).strict(),
  // The requests carry their own retries; a failed run is simply the next one.
  retry: { limit: 1, delaySeconds: 60, backoff: false },
  timeoutSeconds: 15 * 60,
  unique: "oneAtATime",
  schedule: { cron: "*/5 * * * *", missed: "skip" },
  async handle(_payload, context) {
    await processProviderDeletions({ signal: context.signal });
  },
});
