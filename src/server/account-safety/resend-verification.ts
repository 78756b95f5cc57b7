import { eq } from "drizzle-orm";
import { asAuth } from "@/server/db/access";
import { accountSecurity } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { sendVerificationLink, VERIFICATION_COOLDOWN_MS } from "./email-verification";

/**
 * Sends the signed-in person a new confirmation link for their address, at most once a minute
 * (429 with retry_after_seconds before that). Already confirmed: 409.
 */
export async function resendVerification(user: { id: string; email: string }, now: Date = new Date()): Promise<{ link: string | null }> {
  return asAuth(async (tx) => {
    const [row] = await tx
      .select({ verifiedAt: accountSecurity.emailVerifiedAt, sentAt: accountSecurity.verificationSentAt })
      .from(accountSecurity)
      .where(eq(accountSecurity.userId, user.id))
      .for("update");
    if (row?.verifiedAt) throw new DomainError("conflict", "Your email address is already confirmed.", { reason: "already_verified" });
    const wait = row?.sentAt ? row.sentAt.getTime() + VERIFICATION_COOLDOWN_MS - now.getTime() : 0;
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new DomainError(
        "rate_limited",
        `A confirmation email was just sent. You can send another in ${seconds} second${seconds === 1 ? "" : "s"}.`,
        {
          retry_after_seconds: seconds,
        },
      );
    }
    return sendVerificationLink(tx, { userId: user.id, email: user.email, change: false, now });
  });
}
