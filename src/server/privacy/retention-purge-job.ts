import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { purgeRetention } from "./purge-retention";

/**
 * Every night at 02:30 (JOBS_TIMEZONE): applies each clinic's retention (purge-retention.ts),
 * in small batches, and asks Vapi to delete its copies. Idempotent: a second delivery finds
 * nothing older left to blank; Vapi deletions already done are not asked again.
 */
export const privacyRetentionPurgeJob = defineJob({
  name: "privacy.retention-purge",
  payload: z.object({}).strict(),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  timeoutSeconds: 60 * 60,
  unique: "oneAtATime",
  // Missed because every process was down at 02:30: run once when a runner is back.
  schedule: { cron: "30 2 * * *", missed: "once" },
  async handle(_payload, context) {
    await purgeRetention({ signal: context.signal });
  },
});
