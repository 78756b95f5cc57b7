import { eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { accountTokens, users } from "@/server/db/schema";
import { deliverEmail } from "@/server/email/deliver-email";
import { accountLink, issueAccountToken, PASSWORD_RESET_TTL_MS, purgeOldAccountTokens } from "./account-links";
import { languageOfUser } from "./recipient-language";

/**
 * For an address with an account: a reset token (id = the request's id) committed first, then
 * the email sent with no connection held; a failed send deletes the token and throws, so the
 * retry issues a fresh one. A delivery that finds the token already there did its work before.
 * Unknown address: nothing.
 */
export async function handlePasswordResetRequest(
  { email, requestId }: { email: string; requestId: string },
  context: { jobId: string; retryCount: number },
): Promise<void> {
  const now = new Date();
  const issued = await asService(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
    if (!user?.email) return null;
    const token = await issueAccountToken(tx, {
      id: requestId,
      userId: user.id,
      purpose: "password_reset",
      ttlMs: PASSWORD_RESET_TTL_MS,
      now,
    });
    await purgeOldAccountTokens(tx, now);
    return token ? { ...token, to: user.email, language: await languageOfUser(tx, user.id) } : null;
  });
  if (!issued) return;
  try {
    await deliverEmail(
      {
        to: issued.to,
        template: "account.password-reset",
        language: issued.language,
        data: { url: accountLink("/reset-password", issued.token) },
        key: requestId,
      },
      context,
    );
  } catch (error) {
    await asService((tx) => tx.delete(accountTokens).where(eq(accountTokens.id, issued.id)));
    throw error;
  }
}
