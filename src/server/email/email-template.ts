import type { z } from "zod";

/** The languages an email is written in: the recipient's, from their profile. */
export const EMAIL_LANGUAGES = ["en", "ru"] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

/**
 * What a template says, in one language; render-email.ts lays it out as text and as HTML (every
 * value escaped there, so a template never writes markup).
 */
export interface EmailContent {
  subject: string;
  /** The opening line, e.g. "Hello," */
  greeting?: string;
  paragraphs: string[];
  /** One button (HTML) / a line with the URL (text). */
  action?: { label: string; url: string };
  /** Small print after the action, e.g. "If you did not ask for this, ignore this email." */
  footnote?: string;
}

/**
 * One kind of email: its data schema (checked when it is queued) and its content in every
 * language. Register it in templates/index.ts; queue it with queueEmail (queue-email.ts).
 */
export interface EmailTemplate<Schema extends z.ZodType = z.ZodType, Name extends string = string> {
  /** Lower-case words joined by dots or dashes, e.g. `account.password-reset`. */
  name: Name;
  data: Schema;
  content: Record<EmailLanguage, (data: z.infer<Schema>) => EmailContent>;
}

export function defineEmailTemplate<Schema extends z.ZodType, const Name extends string>(
  template: EmailTemplate<Schema, Name>,
): EmailTemplate<Schema, Name> {
  return template;
}
