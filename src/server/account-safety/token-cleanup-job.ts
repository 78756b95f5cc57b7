import { z } from "zod";
import { asService } from "@/server/db/access";
import { defineJob } from "@/server/jobs/job-definition";
import { log } from "@/server/log";
import { purgeOldAccountTokens } from "./account-links";

/**
 * Every night at 02:30 (JOBS_TIMEZONE): deletes the password reset links, address confirmation
 * links and two-factor sign-in challenges that expired or were used more than a day ago (only
 * their hashes are stored; after a day a stale link says "not valid" instead of which). Deleting
 * what is already gone deletes nothing: a second delivery has no further effect.
 */
export const accountTokenCleanupJob = defineJob({
  name: "account.token-cleanup",
  payload: z.object({}).strict(),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  timeoutSeconds: 10 * 60,
  unique: "oneAtATime",
  // Missed because every process was down at 02:30: run once when a runner is back.
  schedule: { cron: "30 2 * * *", missed: "once" },
  async handle() {
    const deleted = await asService((tx) => purgeOldAccountTokens(tx, new Date()));
    log.info({ deletedTokens: deleted }, "account token cleanup");
  },
});
