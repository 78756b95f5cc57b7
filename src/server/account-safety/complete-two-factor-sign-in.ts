import { and, eq, isNull, lt, or } from "drizzle-orm";
import { admitPair, clearBucket } from "@/server/auth/login-throttle";
import { createSession, OLDEST_MEMBERSHIP } from "@/server/auth/sessions";
import { hashToken } from "@/server/auth/tokens";
import { asAuth, asAuthStatement } from "@/server/db/access";
import { accountSecurity, accountTokens, recoveryCodes } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { throttleKeyOfAddress } from "@/server/http/client-address";
import { lockAccountToken, markAccountTokenUsed } from "./account-links";
import { TWO_FACTOR_ADDRESS_RULE, TWO_FACTOR_USER_RULE, throwIfRefused } from "./account-throttle";
import type { SessionClient } from "./session-client";
import { hashRecoveryCode, looksLikeRecoveryCode, matchTotp, openTotpSecret } from "./totp";

/** A challenge dies after this many wrong codes (the password is asked again). */
const MAX_CODE_ATTEMPTS = 5;

/**
 * The second step of signing in: the challenge the password step gave, and a 6-digit code from
 * the authenticator app or one unused recovery code. Throttled like the password (per client
 * address and per person). A code already accepted (its 30-second step or an earlier one) is
 * refused, so a code seen over a shoulder cannot be replayed within its window; a recovery code
 * works once. Opens the session on success.
 */
export async function completeTwoFactorSignIn(
  input: { challenge: string; code: string },
  clientAddress: string,
  client: SessionClient,
  now: Date = new Date(),
): Promise<{ token: string; userId: string }> {
  const [pending] = await asAuth((tx) =>
    tx
      .select({ userId: accountTokens.userId })
      .from(accountTokens)
      .where(eq(accountTokens.tokenHash, hashToken(input.challenge))),
  );
  const address = throttleKeyOfAddress(clientAddress);
  const userKey = `2fa-user:${pending?.userId ?? "unknown"}`;
  throwIfRefused(
    await asAuthStatement((db) =>
      admitPair(db, { key: `2fa-ip:${address}`, rule: TWO_FACTOR_ADDRESS_RULE }, { key: userKey, rule: TWO_FACTOR_USER_RULE }, now),
    ),
    "sign-in codes",
  );
  const outcome = await asAuth(async (tx) => {
    const challenge = await lockAccountToken(tx, input.challenge, "two_factor_sign_in", now);
    const [security] = await tx
      .select({ secret: accountSecurity.totpSecret, enabled: accountSecurity.totpEnabledAt, lastStep: accountSecurity.totpLastStep })
      .from(accountSecurity)
      .where(eq(accountSecurity.userId, challenge.userId))
      .for("update");
    if (!security?.enabled || !security.secret) {
      throw new DomainError("conflict", "Two-factor sign-in is off for this account. Sign in again.", { reason: "two_factor_off" });
    }
    const code = input.code.trim();
    let accepted = false;
    if (/^\d{6}$/.test(code)) {
      const step = await matchTotp(openTotpSecret(security.secret, challenge.userId), code, now, security.lastStep ?? null);
      if (step !== null) {
        // Only a later step moves the marker: two requests with the same code cannot both pass.
        const moved = await tx
          .update(accountSecurity)
          .set({ totpLastStep: step })
          .where(
            and(
              eq(accountSecurity.userId, challenge.userId),
              or(isNull(accountSecurity.totpLastStep), lt(accountSecurity.totpLastStep, step)),
            ),
          )
          .returning({ userId: accountSecurity.userId });
        accepted = moved.length === 1;
      }
    } else if (looksLikeRecoveryCode(code)) {
      const used = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(
          and(eq(recoveryCodes.userId, challenge.userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)),
        )
        .returning({ id: recoveryCodes.id });
      accepted = used.length === 1;
    }
    if (!accepted) {
      const attempts = challenge.attempts + 1;
      await tx
        .update(accountTokens)
        .set({ attempts, ...(attempts >= MAX_CODE_ATTEMPTS ? { usedAt: now } : {}) })
        .where(eq(accountTokens.id, challenge.id));
      return { ok: false as const, attemptsLeft: MAX_CODE_ATTEMPTS - attempts };
    }
    await markAccountTokenUsed(tx, challenge.id, now);
    const token = await createSession(tx, challenge.userId, OLDEST_MEMBERSHIP, client);
    return { ok: true as const, token, userId: challenge.userId };
  });
  if (!outcome.ok) {
    // A wrong code is not a transaction failure: its count above is committed.
    throw new DomainError(
      "invalid_input",
      outcome.attemptsLeft > 0
        ? "That code is not right, or it was already used. Enter the code your app shows now, or a recovery code."
        : "That code is not right. Too many wrong codes: enter your password again.",
      { fields: [{ path: "code", message: "is not right" }], reason: outcome.attemptsLeft > 0 ? "wrong_code" : "challenge_closed" },
    );
  }
  await asAuthStatement((db) => clearBucket(db, userKey));
  return { token: outcome.token, userId: outcome.userId };
}
