import { eq, sql } from "drizzle-orm";
import { hashPassword } from "@/server/auth/passwords";
import { revokeSessionsOfUser } from "@/server/auth/sessions";
import { asAuth } from "@/server/db/access";
import { accountSecurity, users } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { DomainError } from "@/server/errors";
import { forgotPasswordLink, lockAccountToken, markAccountTokenUsed, retireAccountTokens } from "./account-links";
import { languageOfUser } from "./recipient-language";

/**
 * Sets a new password from a reset link: the link works once and for one hour; every session of
 * the person is revoked (but the one making the request, when it is the same person's); every
 * other reset link of theirs stops working; the address counts as verified (the link reached it);
 * a notice goes to the address. Opened while signed in as someone else: refused, nothing changes.
 */
export async function confirmPasswordReset(
  input: { token: string; password: string },
  signedIn: { userId: string; sessionId: string } | null,
  now: Date = new Date(),
): Promise<void> {
  // Hashed before any connection is taken (passwords.ts: never hash holding a connection).
  const passwordHash = await hashPassword(input.password);
  await asAuth(async (tx) => {
    const token = await lockAccountToken(tx, input.token, "password_reset", now);
    if (signedIn && signedIn.userId !== token.userId) {
      throw new DomainError("conflict", "This reset link is for another account. Sign out first, then open the link again.", {
        reason: "other_account",
      });
    }
    const [user] = await tx
      .update(users)
      .set({ encryptedPassword: passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, token.userId))
      .returning({ email: users.email });
    await markAccountTokenUsed(tx, token.id, now);
    await retireAccountTokens(tx, token.userId, "password_reset", now);
    await revokeSessionsOfUser(tx, token.userId, signedIn?.sessionId);
    await tx
      .insert(accountSecurity)
      .values({ userId: token.userId, emailVerifiedAt: now })
      .onConflictDoUpdate({
        target: accountSecurity.userId,
        set: { emailVerifiedAt: sql`coalesce(${accountSecurity.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` },
      });
    if (user?.email) {
      await queueEmail(tx, {
        to: user.email,
        template: "account.password-changed",
        language: await languageOfUser(tx, token.userId),
        data: { url: forgotPasswordLink() },
        key: `reset:${token.id}`,
      });
    }
  });
}
