import { sql } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { eraseDueOrganisations } from "./organisation-erasure";

/**
 * Every hour at :20 (privacy.housekeeping): erases organisations whose 30-day grace
 * has passed and drops the files of exports whose 24 hours are over (the row stays: "expired").
 * Both are idempotent: a second delivery finds nothing left to do.
 */
export const privacyHousekeepingJob = defineJob(jobTypes["privacy.housekeeping"], async () => {
  const now = new Date();
  const erased = await eraseDueOrganisations(now);
  const dropped = await dropExpiredExports(now);
  log.info({ erasedOrganisations: erased.length, expiredExports: dropped }, "privacy housekeeping");
});

export async function dropExpiredExports(now: Date): Promise<number> {
  return asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      update public.data_exports set content = null
      where content is not null and expires_at <= ${now.toISOString()}::timestamptz
      returning id`);
    return rows.length;
  });
}
