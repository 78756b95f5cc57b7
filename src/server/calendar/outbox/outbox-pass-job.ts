import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { processCalendarOutbox } from "./process-calendar-outbox";

/**
 * The calendar outbox's pass (ADR 003, 006): every minute, one process at a time, bring Google in
 * line with the appointments whose sync is due. The state stays on the appointment rows, so a
 * pass delivered twice finds the rows it synced no longer due and does nothing more.
 */
export const calendarOutboxPassJob = defineJob(jobTypes["calendar.outbox-pass"], async () => {
  const summary = await processCalendarOutbox(new Date());
  if (summary.claimed > 0) log.info({ summary }, "calendar outbox pass");
});
