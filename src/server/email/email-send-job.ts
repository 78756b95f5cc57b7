import { z } from "zod";
import { getConfig } from "@/server/config";
import { defineJob } from "@/server/jobs/job-definition";
import { log } from "@/server/log";
import { deliverEmail } from "./deliver-email";
import { emailIsOff } from "./email-status";
import { EMAIL_LANGUAGES } from "./email-template";
import { openEmailData } from "./sealed-data";
import { isEmailTemplateName } from "./templates";

/**
 * Sends one queued email (queue-email.ts). The template's data travels sealed (AES-GCM under
 * ENCRYPTION_KEY): the job table never holds a reset link or any other token in clear. Rendered
 * at send time from the template module in the recipient's language. One job per key; the
 * Message-ID comes from the key, so a second delivery after a crash (SMTP cannot be asked whether
 * it already took the message) is the same message to a mail client that de-duplicates.
 */
export const emailSendJob = defineJob({
  name: "email.send",
  payload: z
    .object({
      to: z.email().max(254),
      template: z.string().max(100).refine(isEmailTemplateName, { message: "unknown email template" }),
      language: z.enum(EMAIL_LANGUAGES),
      sealed: z.string().max(32_000),
      key: z.string().min(1).max(300),
      /** Set (by the database) when a signed-in person's transaction queued it. */
      organisationId: z.uuid().optional(),
    })
    .strict(),
  retry: { limit: 6, delaySeconds: 30, backoff: true, maxDelaySeconds: 30 * 60 },
  timeoutSeconds: 90,
  unique: "perKey",
  // queueEmail inside asUser (an invitation with its row): the data is sealed under the server's
  // key and bound to recipient and template, so SQL in a user's transaction cannot forge one.
  userEnqueue: { minimumRole: "member" },
  async handle(payload, context) {
    const config = getConfig();
    if (!config.email) {
      emailIsOff();
      log.warn({ template: payload.template, jobId: context.jobId }, "email is off (no SMTP_URL): a queued email was dropped");
      return;
    }
    const data = openEmailData(payload.sealed, payload.to, payload.template);
    await deliverEmail({ ...payload, data }, { jobId: context.jobId, retryCount: context.retryCount });
  },
});
