import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { deliverEmail } from "./deliver-email";
import { emailIsOff } from "./email-status";
import { openEmailData } from "./sealed-data";
import { emailAlreadySent, markEmailSent } from "./sent-emails";

/**
 * Sends one queued email (queue-email.ts). The template's data travels sealed (AES-GCM under
 * ENCRYPTION_KEY): the job table never holds a reset link or any other token in clear. Rendered
 * at send time from the template module in the recipient's language. One job per key, and a job
 * delivered again after it sent sends nothing (its id is marked sent, sent-emails.ts). The
 * Message-ID comes from the key, so the one case left, a crash between the mail server's
 * acceptance and the mark, is the same message to a mail client that de-duplicates.
 */
export const emailSendJob = defineJob(jobTypes["email.send"], async (payload, context) => {
  const config = getConfig();
  if (!config.email) {
    emailIsOff();
    log.warn({ template: payload.template, jobId: context.jobId }, "email is off (no SMTP_URL): a queued email was dropped");
    return;
  }
  if (await asService((tx) => emailAlreadySent(tx, context.jobId))) {
    log.info({ template: payload.template, jobId: context.jobId }, "email already sent: not sent again");
    return;
  }
  const data = openEmailData(payload.sealed, payload.to, payload.template);
  await deliverEmail({ ...payload, data }, { jobId: context.jobId, retryCount: context.retryCount });
  await asService((tx) => markEmailSent(tx, context.jobId, new Date()));
});
