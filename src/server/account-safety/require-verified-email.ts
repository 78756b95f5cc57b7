import { getConfig } from "@/server/config";
import { asAuth } from "@/server/db/access";
import { emailEnabled } from "@/server/email/email-status";
import { DomainError } from "@/server/errors";
import { isEmailVerified } from "./email-verification";

/**
 * Inviting others and connecting a calendar wait until the person's address is confirmed
 * (403, reason email_unverified). With email off nobody could confirm: nothing waits then. Nor in
 * the demo `npm start` runs (demo mode with its control endpoint): its emails land in the loopback
 * mail catcher, which has no page in the dashboard yet, so a newcomer trying the product could
 * never confirm and could not finish the set-up.
 */
export async function requireVerifiedEmail(userId: string, what: string): Promise<void> {
  const config = getConfig();
  if (!emailEnabled() || (config.demo && config.demoControl)) return;
  if (await asAuth((tx) => isEmailVerified(tx, userId))) return;
  throw new DomainError(
    "forbidden",
    `Confirm your email address before you ${what}: open the link we sent you, or send a new one from your Account page.`,
    {
      reason: "email_unverified",
    },
  );
}
