import { afterAll } from "vitest";
import { type MailCatcher, startMailCatcher } from "@/providers/email/emulator/mail-catcher";

/**
 * A mail catcher for the test file, and the environment that points the app at it:
 * `useTestApp({ env: () => mail.env() })`. The catcher starts before the app reads its config.
 */
export async function useMailCatcher(): Promise<{ catcher: MailCatcher; env: () => Record<string, string> }> {
  const catcher = await startMailCatcher();
  afterAll(async () => {
    await catcher.close();
  });
  return { catcher, env: () => ({ SMTP_URL: catcher.smtpUrl, EMAIL_FROM: "Clinicall <no-reply@clinicall.test>" }) };
}

/** The first http(s) link in an email's text. */
export function linkIn(text: string): string {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error("the email has no link");
  return match[0];
}
