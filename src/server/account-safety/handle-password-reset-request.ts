import { eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { users } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { accountLink, issueAccountToken, PASSWORD_RESET_TTL_MS, purgeOldAccountTokens } from "./account-links";
import { languageOfUser } from "./recipient-language";

/**
 * For an address with an account: a reset token (id = the request's id) and its email (an
 * `email.send` job, key = the request's id) in one transaction, so the link is sent, retried while
 * the mail server fails, exactly when the token exists. A second delivery finds the token and
 * queues nothing. Unknown address: nothing.
 */
export async function handlePasswordResetRequest({ email, requestId }: { email: string; requestId: string }): Promise<void> {
  const now = new Date();
  await asService(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
    if (!user?.email) return;
    const issued = await issueAccountToken(tx, {
      id: requestId,
      userId: user.id,
      purpose: "password_reset",
      ttlMs: PASSWORD_RESET_TTL_MS,
      now,
    });
    await purgeOldAccountTokens(tx, now);
    if (!issued) return;
    await queueEmail(tx, {
      to: user.email,
      template: "account.password-reset",
      language: await languageOfUser(tx, user.id),
      data: { url: accountLink("/reset-password", issued.token) },
      key: requestId,
    });
  });
}
