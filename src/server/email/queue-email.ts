import "server-only";
import type { z } from "zod";
import { actorOfUserTransaction, type Db } from "@/server/db/access";
import { enqueue } from "@/server/jobs/enqueue";
import { emailEnabled, emailIsOff } from "./email-status";
import type { EmailLanguage } from "./email-template";
import { sealEmailData } from "./sealed-data";
import { type EmailTemplateName, emailTemplates } from "./templates";

export interface QueuedEmail<Name extends EmailTemplateName> {
  to: string;
  template: Name;
  /** The recipient's language (languageOfUser for a person with an account). */
  language: EmailLanguage;
  data: z.input<(typeof emailTemplates)[Name]["data"]>;
  /**
   * One email per key and template: queueing the same key again (a retried request, a second
   * delivery of the job that queues it) sends nothing more. E.g. the token's id.
   */
  key: string;
}

/**
 * Queues one email as an `email.send` job inside `tx`, so it is sent only if the change that
 * causes it commits. `tx` may be asService, asAuth or asUser
 * (there the key is scoped to the acting organisation). Checks the data against the template now, not at send time.
 * Returns "off" (nothing queued; show the link to the person acting instead) when SMTP_URL is
 * not set, "duplicate" when this key was already queued.
 */
export async function queueEmail<Name extends EmailTemplateName>(
  tx: Db,
  email: QueuedEmail<Name>,
): Promise<"queued" | "duplicate" | "off"> {
  if (!emailEnabled()) {
    emailIsOff();
    return "off";
  }
  const template = emailTemplates[email.template];
  const data = template.data.parse(email.data);
  const to = email.to.trim().toLowerCase();
  const id = await enqueue(
    tx,
    "email.send",
    {
      to,
      template: email.template,
      language: email.language,
      sealed: sealEmailData(data, to, email.template),
      key: email.key,
      organisationId: actorOfUserTransaction(tx)?.organisationId,
    },
    { key: `${email.template}:${email.key}` },
  );
  return id ? "queued" : "duplicate";
}
