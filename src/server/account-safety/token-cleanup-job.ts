import { asService } from "@/server/db/access";
import { forgetOldSentEmails } from "@/server/email/sent-emails";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { purgeOldAccountTokens } from "./account-links";

/**
 * Every night at 02:30 (JOBS_TIMEZONE): deletes the password reset links, address confirmation
 * links and two-factor sign-in challenges that expired or were used more than a day ago (only
 * their hashes are stored; after a day a stale link says "not valid" instead of which), and the
 * sent marks of emails older than 30 days (sent-emails.ts). Deleting what is already gone deletes
 * nothing: a second delivery has no further effect.
 */
export const accountTokenCleanupJob = defineJob(jobTypes["account.token-cleanup"], async () => {
  const now = new Date();
  const { deleted, forgotten } = await asService(async (tx) => ({
    deleted: await purgeOldAccountTokens(tx, now),
    forgotten: await forgetOldSentEmails(tx, now),
  }));
  log.info({ deletedTokens: deleted, forgottenSentEmails: forgotten }, "account token cleanup");
});
