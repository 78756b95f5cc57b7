import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { purgeRetention } from "./purge-retention";

/**
 * Every night at 02:30 (JOBS_TIMEZONE): applies each clinic's retention (purge-retention.ts),
 * in small batches, and asks Vapi to delete its copies. Idempotent: a second delivery finds
 * nothing older left to blank; Vapi deletions already done are not asked again.
 */
export const privacyRetentionPurgeJob = defineJob(jobTypes["privacy.retention-purge"], async (_payload, context) => {
  await purgeRetention({ signal: context.signal });
});
