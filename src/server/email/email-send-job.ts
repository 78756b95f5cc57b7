import { getConfig } from "@/server/config";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { deliverEmail } from "./deliver-email";
import { emailIsOff } from "./email-status";
import { openEmailData } from "./sealed-data";

/**
 * Sends one queued email (queue-email.ts). The template's data travels sealed (AES-GCM under
 * ENCRYPTION_KEY): the job table never holds a reset link or any other token in clear. Rendered
 * at send time from the template module in the recipient's language. One job per key; the
 * Message-ID comes from the key, so a second delivery after a crash (SMTP cannot be asked whether
 * it already took the message) is the same message to a mail client that de-duplicates.
 */
export const emailSendJob = defineJob(jobTypes["email.send"], async (payload, context) => {
  const config = getConfig();
  if (!config.email) {
    emailIsOff();
    log.warn({ template: payload.template, jobId: context.jobId }, "email is off (no SMTP_URL): a queued email was dropped");
    return;
  }
  const data = openEmailData(payload.sealed, payload.to, payload.template);
  await deliverEmail({ ...payload, data }, { jobId: context.jobId, retryCount: context.retryCount });
});
