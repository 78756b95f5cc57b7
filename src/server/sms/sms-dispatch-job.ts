import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { dispatchDueSms } from "./dispatch-due-sms";

/**
 * Every minute, one process at a time: send the texts that are due (decision 018). The rows are
 * the state, so a pass delivered twice finds nothing pending that it already took.
 */
export const smsDispatchJob = defineJob(jobTypes["sms.dispatch"], async () => {
  const summary = await dispatchDueSms(new Date());
  if (summary.claimed > 0) log.info({ summary }, "sms dispatch pass");
});
