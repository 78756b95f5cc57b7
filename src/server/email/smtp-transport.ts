import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { EmailConfig } from "./email-config";

let cached: { url: string; transport: Transporter } | undefined;

/**
 * One pooled nodemailer transport per SMTP_URL (smtps:// is TLS from the start; smtp:// upgrades
 * with STARTTLS when the server offers it). Bounded waits: a server that hangs fails the send,
 * and the job is retried.
 */
export function smtpTransport(config: EmailConfig): Transporter {
  if (cached?.url === config.smtpUrl) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Never write the conversation (it carries the message and the credentials) to any log.
    logger: false,
    debug: false,
  });
  cached = { url: config.smtpUrl, transport };
  return transport;
}

/** For tests that point SMTP_URL at another catcher. */
export function closeSmtpTransport(): void {
  cached?.transport.close();
  cached = undefined;
}
