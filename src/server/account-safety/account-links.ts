import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { hashToken, newToken } from "@/server/auth/tokens";
import { getConfig } from "@/server/config";
import type { Db } from "@/server/db/access";
import { type AccountTokenPurpose, accountTokens } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
export const TWO_FACTOR_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** A new single-use token of `purpose` for the person; only its SHA-256 is stored. */
export async function issueAccountToken(
  tx: Db,
  input: { userId: string; purpose: AccountTokenPurpose; ttlMs: number; email?: string; id?: string; now: Date },
): Promise<{ id: string; token: string } | null> {
  const token = newToken();
  const [row] = await tx
    .insert(accountTokens)
    .values({
      ...(input.id ? { id: input.id } : {}),
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      email: input.email ?? null,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlMs),
    })
    .onConflictDoNothing({ target: accountTokens.id })
    .returning({ id: accountTokens.id });
  return row ? { id: row.id, token } : null;
}

export interface AccountTokenRow {
  id: string;
  userId: string;
  email: string | null;
  attempts: number;
}

const messages: Record<AccountTokenPurpose, { used: string; expired: string; invalid: string }> = {
  password_reset: {
    used: "This password reset link was already used. Ask for a new one.",
    expired: "This password reset link has expired (links work for one hour). Ask for a new one.",
    invalid: "This password reset link is not valid. Check that you opened the whole link, or ask for a new one.",
  },
  verify_email: {
    used: "This confirmation link was already used.",
    expired: "This confirmation link has expired (links work for 24 hours). Send a new one from your Account page.",
    invalid: "This confirmation link is not valid. Check that you opened the whole link, or send a new one.",
  },
  two_factor_sign_in: {
    used: "This sign-in was already completed. Sign in again.",
    expired: "The sign-in took too long (5 minutes). Enter your password again.",
    invalid: "This sign-in is not valid any more. Enter your password again.",
  },
};

/**
 * The live token of `purpose` for `token`, locked for this transaction; otherwise a DomainError
 * saying which: `gone` (reason link_used / link_expired) or `not_found` (reason link_invalid).
 * The lookup is by the token's hash: an index probe, no comparison of secrets in the app.
 */
export async function lockAccountToken(tx: Db, token: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRow> {
  const [row] = await tx
    .select({
      id: accountTokens.id,
      userId: accountTokens.userId,
      email: accountTokens.email,
      attempts: accountTokens.attempts,
      usedAt: accountTokens.usedAt,
      expiresAt: accountTokens.expiresAt,
    })
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
    .for("update");
  const text = messages[purpose];
  if (!row) throw new DomainError("not_found", text.invalid, { reason: "link_invalid" });
  if (row.usedAt) throw new DomainError("gone", text.used, { reason: "link_used" });
  if (row.expiresAt <= now) throw new DomainError("gone", text.expired, { reason: "link_expired" });
  return { id: row.id, userId: row.userId, email: row.email, attempts: row.attempts };
}

export async function markAccountTokenUsed(tx: Db, id: string, now: Date): Promise<void> {
  await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, id));
}

/** Every other live token of the person for `purpose` stops working (a newer link, a reset done). */
export async function retireAccountTokens(tx: Db, userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
}

/**
 * How long a token is kept after it expired or was used: within it, opening the link again says
 * "used" or "expired" rather than "not valid".
 */
const ACCOUNT_TOKEN_GRACE_MS = 24 * 3_600_000;

/**
 * Tokens that expired or were used more than ACCOUNT_TOKEN_GRACE_MS ago are deleted (called from
 * the flows that write them, and every night by `account.token-cleanup`). Returns how many.
 */
export async function purgeOldAccountTokens(tx: Db, now: Date): Promise<number> {
  const before = `${new Date(now.getTime() - ACCOUNT_TOKEN_GRACE_MS).toISOString()}`;
  const deleted = await tx
    .delete(accountTokens)
    .where(sql`${accountTokens.expiresAt} < ${before}::timestamptz or ${accountTokens.usedAt} < ${before}::timestamptz`)
    .returning({ id: accountTokens.id });
  return deleted.length;
}

/**
 * A page link carrying the token in the fragment (`#token=`): browsers do not send a fragment to
 * the server or in Referer, so the token reaches neither an access log nor another site.
 */
export function accountLink(path: "/reset-password" | "/verify-email", token: string): string {
  return `${getConfig().publicBaseUrl}${path}#token=${encodeURIComponent(token)}`;
}

export function forgotPasswordLink(): string {
  return `${getConfig().publicBaseUrl}/forgot-password`;
}
