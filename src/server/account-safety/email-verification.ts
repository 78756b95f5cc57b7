import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { accountSecurity } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { accountLink, issueAccountToken, retireAccountTokens, VERIFY_EMAIL_TTL_MS } from "./account-links";
import { languageOfUser } from "./recipient-language";

/** A verification email is sent at most once a minute per person. */
export const VERIFICATION_COOLDOWN_MS = 60 * 1000;

/**
 * Issues a confirmation link for `email` (the account's address, or the new one of a change) and
 * queues it; earlier links of the person stop working. Returns the link itself only when email is
 * off (the person acting is then shown it), otherwise null.
 */
export async function sendVerificationLink(
  tx: Db,
  input: { userId: string; email: string; change: boolean; now: Date },
): Promise<{ link: string | null }> {
  await retireAccountTokens(tx, input.userId, "verify_email", input.now);
  const issued = await issueAccountToken(tx, {
    userId: input.userId,
    purpose: "verify_email",
    ttlMs: VERIFY_EMAIL_TTL_MS,
    email: input.email,
    now: input.now,
  });
  if (!issued) throw new Error("verification token insert returned nothing");
  const link = accountLink("/verify-email", issued.token);
  const outcome = await queueEmail(tx, {
    to: input.email,
    template: "account.verify-email",
    language: await languageOfUser(tx, input.userId),
    data: { url: link, change: input.change },
    key: issued.id,
  });
  await tx
    .insert(accountSecurity)
    .values({ userId: input.userId, verificationSentAt: input.now })
    .onConflictDoUpdate({ target: accountSecurity.userId, set: { verificationSentAt: input.now, updatedAt: sql`now()` } });
  return { link: outcome === "off" ? link : null };
}

export async function isEmailVerified(tx: Db, userId: string): Promise<boolean> {
  const [row] = await tx.select({ at: accountSecurity.emailVerifiedAt }).from(accountSecurity).where(eq(accountSecurity.userId, userId));
  return Boolean(row?.at);
}
