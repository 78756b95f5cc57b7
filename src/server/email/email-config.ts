import { z } from "zod";

/**
 * Email settings. The central config validates the environment with `emailEnvShape` and turns it
 * into an EmailConfig with `emailConfigFromEnv`; no SMTP_URL means email is off (flows then show
 * their link to the person acting, as invitations always have).
 */
export interface EmailConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS). */
  smtpUrl: string;
  /** The From header: an address, or `Name <address>`. */
  from: string;
}

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const smtpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
    } catch {
      return false;
    }
  },
  { message: "must be an smtp:// or smtps:// URL with a host, e.g. smtps://user:password@smtp.example.com:465" },
);

/** `address@domain` or `Display Name <address@domain>`; no line breaks (header injection). */
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const fromHeader = z
  .string()
  .trim()
  .max(200)
  .refine(
    (value) => {
      if (/[\r\n\0]/.test(value)) return false;
      const named = /^([^<>"\r\n]{1,100}|"[^"\r\n]{1,100}")\s*<([^<>]+)>$/.exec(value);
      return ADDRESS.test(named ? (named[2] ?? "") : value);
    },
    { message: 'must be an email address or "Name <address>", e.g. Clinicall <no-reply@clinic.example.com>' },
  );

export const emailEnvShape = {
  SMTP_URL: z.preprocess(blankAsUndefined, smtpUrl.optional()),
  EMAIL_FROM: z.preprocess(blankAsUndefined, fromHeader.optional()),
};

type EmailEnv = { SMTP_URL?: string | undefined; EMAIL_FROM?: string | undefined };

export function emailEnvProblems(env: EmailEnv): { variable: string; message: string }[] {
  if (env.SMTP_URL && !env.EMAIL_FROM) {
    return [{ variable: "EMAIL_FROM", message: "is required with SMTP_URL (the address emails are sent from)" }];
  }
  return [];
}

export function emailConfigFromEnv(env: EmailEnv): EmailConfig | undefined {
  if (!env.SMTP_URL || !env.EMAIL_FROM) return undefined;
  return { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM };
}
