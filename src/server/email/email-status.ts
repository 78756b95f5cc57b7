import "server-only";
import { getConfig } from "@/server/config";
import { log } from "@/server/log";

let told = false;

/** Whether email can be sent (SMTP_URL set, or demo mode's catcher). */
export function emailEnabled(): boolean {
  return getConfig().email !== undefined;
}

/** Says once per process that email is off, and what that means. */
export function emailIsOff(): void {
  if (told) return;
  told = true;
  log.warn(
    "email is off: SMTP_URL is not set. Password reset and verification emails are not sent; invitation and verification links are shown to the person acting instead (see README, Email).",
  );
}

/** At start: the one line about email, when it is off. */
export function reportEmailStatus(): void {
  if (!emailEnabled()) emailIsOff();
}
