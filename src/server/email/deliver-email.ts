import "server-only";
import { createHash } from "node:crypto";
import { getConfig } from "@/server/config";
import { describeError, log } from "@/server/log";
import { emailIsOff } from "./email-status";
import type { EmailLanguage } from "./email-template";
import { renderEmail } from "./render-email";
import { smtpTransport } from "./smtp-transport";
import { emailTemplates, isEmailTemplateName } from "./templates";

/**
 * Renders one email from its template in `language` and sends it now: the email.send job's work
 * (every other email is queued, queue-email.ts). Throws when SMTP refuses or times out, so the job
 * is retried. Logs the template and job, never the address, subject or body.
 */
export async function deliverEmail(
  email: { to: string; template: string; language: EmailLanguage; data: unknown; key: string },
  context: { jobId: string; retryCount: number },
): Promise<"sent" | "off"> {
  const config = getConfig();
  if (!config.email) {
    emailIsOff();
    log.warn({ template: email.template, jobId: context.jobId }, "email is off (no SMTP_URL): an email was dropped");
    return "off";
  }
  if (!isEmailTemplateName(email.template)) throw new Error(`unknown email template ${email.template.slice(0, 100)}`);
  const template = emailTemplates[email.template];
  const data = template.data.parse(email.data);
  const compose = template.content[email.language] as (value: unknown) => Parameters<typeof renderEmail>[0];
  const rendered = renderEmail(compose(data), email.language);
  try {
    await smtpTransport(config.email).sendMail({
      from: config.email.from,
      to: email.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: `<${createHash("sha256").update(`${email.template}\n${email.key}`).digest("hex").slice(0, 40)}@clinicall>`,
      headers: { "Content-Language": email.language, "X-Clinicall-Template": email.template },
    });
  } catch (error) {
    // The error names the SMTP reply, never the message: no link or token reaches the log.
    log.warn(
      { template: email.template, jobId: context.jobId, retryCount: context.retryCount, err: describeError(error) },
      "email send failed",
    );
    throw new Error(`SMTP send failed: ${describeError(error).message}`);
  }
  log.info({ template: email.template, jobId: context.jobId }, "email sent");
  return "sent";
}
