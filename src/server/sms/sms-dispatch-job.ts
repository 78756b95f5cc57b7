import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { log } from "@/server/log";
import { dispatchDueSms } from "./dispatch-due-sms";

/**
 * Every minute, one process at a time: send the texts that are due (decision 018). The rows are
 * the state, so a pass delivered twice finds nothing pending that it already took.
 */
export const smsDispatchJob = defineJob({
  name: "sms.dispatch",
  payload: z.object({}).strict(),
  retry: { limit: 0, delaySeconds: 30, backoff: false },
  timeoutSeconds: 4 * 60,
  unique: "oneAtATime",
  schedule: { cron: "* * * * *", missed: "skip" },
  async handle() {
    const summary = await dispatchDueSms(new Date());
    if (summary.claimed > 0) log.info({ summary }, "sms dispatch pass");
  },
});
