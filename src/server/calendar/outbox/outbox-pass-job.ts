import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { log } from "@/server/log";
import { processCalendarOutbox } from "./process-calendar-outbox";

/**
 * The calendar outbox's pass (ADR 003, 006): every minute, one process at a time, bring Google in
 * line with the appointments whose sync is due. The state stays on the appointment rows, so a
 * pass delivered twice finds the rows it synced no longer due and does nothing more.
 */
export const calendarOutboxPassJob = defineJob({
  name: "calendar.outbox-pass",
  payload: z.object({}).strict(),
  retry: { limit: 0, delaySeconds: 30, backoff: false },
  timeoutSeconds: 5 * 60,
  unique: "oneAtATime",
  // A missed minute needs no catching up: the next pass takes everything that became due meanwhile.
  schedule: { cron: "* * * * *", missed: "skip" },
  async handle() {
    const summary = await processCalendarOutbox(new Date());
    if (summary.claimed > 0) log.info({ summary }, "calendar outbox pass");
  },
});
