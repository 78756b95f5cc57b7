import { sql } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { purgeExpiredOAuthStates } from "./purge-expired-oauth-states";

/**
 * Every night at 03:00 (JOBS_TIMEZONE): deletes the calendar-connection OAuth states past their
 * retention and reports the outbox's backlog (changes Google has not taken after an hour, and
 * those that gave up), so an operator reads it in the log even when nobody opens the dashboard.
 * Deleting what is already gone deletes nothing: a second delivery has no further effect.
 */
export const calendarNightlyCleanupJob = defineJob(jobTypes["calendar.nightly-cleanup"], async () => {
  const now = new Date();
  const purgedStates = await purgeExpiredOAuthStates(now);
  const [backlog] = await asService(async (tx) => {
    const { rows } = await tx.execute(sql`
        select count(*) filter (where sync_status = 'pending' and updated_at < ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz)::int as stale,
               count(*) filter (where sync_status = 'failed')::int as failed
        from public.appointments`);
    return rows;
  });
  log.info({ purgedStates, outboxStale: backlog?.stale ?? 0, outboxFailed: backlog?.failed ?? 0 }, "calendar nightly cleanup");
});
