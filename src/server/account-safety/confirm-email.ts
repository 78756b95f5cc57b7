import { eq, sql } from "drizzle-orm";
import { asAuth } from "@/server/db/access";
import { pgErrorOf } from "@/server/db/postgres-error";
import { accountSecurity, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { lockAccountToken, markAccountTokenUsed } from "./account-links";

/**
 * Follows a confirmation link: the address it names becomes the account's confirmed address. For
 * an email change that is when the new address takes effect (someone who took it meanwhile: 409).
 * Opened while signed in as another person: refused, nothing changes.
 */
export async function confirmEmail(
  token: string,
  signedInUserId: string | null,
  now: Date = new Date(),
): Promise<{ email: string; changed: boolean }> {
  try {
    return await asAuth(async (tx) => {
      const row = await lockAccountToken(tx, token, "verify_email", now);
      if (signedInUserId && signedInUserId !== row.userId) {
        throw new DomainError("conflict", "This confirmation link is for another account. Sign out first, then open the link again.", {
          reason: "other_account",
        });
      }
      const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId)).for("update");
      const email = row.email ?? user?.email ?? "";
      const changed = Boolean(user && email && user.email !== email);
      if (changed) await tx.update(users).set({ email, updatedAt: sql`now()` }).where(eq(users.id, row.userId));
      await markAccountTokenUsed(tx, row.id, now);
      await tx
        .insert(accountSecurity)
        .values({ userId: row.userId, emailVerifiedAt: now })
        .onConflictDoUpdate({ target: accountSecurity.userId, set: { emailVerifiedAt: now, updatedAt: sql`now()` } });
      return { email, changed };
    });
  } catch (error) {
    if (pgErrorOf(error)?.code === "23505") {
      throw new DomainError("conflict", "Another account uses this address now. Choose another one.", { reason: "email_taken" });
    }
    throw error;
  }
}
