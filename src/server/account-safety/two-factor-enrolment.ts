import { and, eq, isNull, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { verifyPassword } from "@/server/auth/passwords";
import { asAuth } from "@/server/db/access";
import { accountSecurity, recoveryCodes, users } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { DomainError } from "@/server/errors";
import { forgotPasswordLink } from "./account-links";
import { languageOfUser } from "./recipient-language";
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from "./totp";

/**
 * Enrolment, step 1: a new secret (sealed at rest), as a QR code and as text for typing in.
 * Not in force until confirmed with a code. Already on: 409.
 */
export async function startTwoFactorEnrolment(user: { id: string; email: string }) {
  const secret = newTotpSecret();
  await asAuth(async (tx) => {
    const [row] = await tx
      .select({ enabled: accountSecurity.totpEnabledAt })
      .from(accountSecurity)
      .where(eq(accountSecurity.userId, user.id))
      .for("update");
    if (row?.enabled) throw new DomainError("conflict", "Two-factor sign-in is already on.", { reason: "two_factor_on" });
    const sealed = sealTotpSecret(secret, user.id);
    await tx
      .insert(accountSecurity)
      .values({ userId: user.id, totpSecret: sealed })
      .onConflictDoUpdate({ target: accountSecurity.userId, set: { totpSecret: sealed, totpLastStep: null, updatedAt: sql`now()` } });
  });
  const uri = totpUri(secret, user.email);
  return { secret, otpauth_uri: uri, qr_code: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/**
 * Enrolment, step 2: a code from the app turns two-factor sign-in on and gives ten recovery codes,
 * shown this once (only their hashes are kept). A notice goes to the address.
 */
export async function confirmTwoFactorEnrolment(user: { id: string; email: string }, code: string, now: Date = new Date()) {
  return asAuth(async (tx) => {
    const [row] = await tx
      .select({ secret: accountSecurity.totpSecret, enabled: accountSecurity.totpEnabledAt })
      .from(accountSecurity)
      .where(eq(accountSecurity.userId, user.id))
      .for("update");
    if (row?.enabled) throw new DomainError("conflict", "Two-factor sign-in is already on.", { reason: "two_factor_on" });
    if (!row?.secret)
      throw new DomainError("conflict", "Start two-factor set-up first: scan the QR code, then enter a code.", { reason: "not_enrolling" });
    const step = await matchTotp(openTotpSecret(row.secret, user.id), code.trim(), now, null);
    if (step === null) {
      throw new DomainError("invalid_input", "That code is not right. Enter the 6-digit code your app shows now.", {
        fields: [{ path: "code", message: "is not right" }],
      });
    }
    await tx
      .update(accountSecurity)
      .set({ totpEnabledAt: now, totpLastStep: step, updatedAt: sql`now()` })
      .where(eq(accountSecurity.userId, user.id));
    const codes = newRecoveryCodes();
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })));
    await queueEmail(tx, {
      to: user.email,
      template: "account.two-factor-changed",
      language: await languageOfUser(tx, user.id),
      data: { enabled: true, url: forgotPasswordLink() },
      key: `2fa-on:${user.id}:${now.getTime()}`,
    });
    return { enabled: true, recovery_codes: codes };
  });
}

/**
 * Turns two-factor sign-in off (password required). Refused while a clinic the person belongs to
 * requires it.
 */
export async function disableTwoFactor(
  user: { id: string; email: string },
  password: string,
  requiredBy: string | null,
  now: Date = new Date(),
) {
  if (requiredBy) {
    throw new DomainError("forbidden", `${requiredBy} requires two-factor sign-in: it cannot be turned off.`, {
      reason: "two_factor_required",
    });
  }
  const [row] = await asAuth((tx) => tx.select({ hash: users.encryptedPassword }).from(users).where(eq(users.id, user.id)));
  if (!(await verifyPassword(row?.hash, password))) {
    throw new DomainError("invalid_input", "Your password is not right.", { fields: [{ path: "password", message: "is not right" }] });
  }
  await asAuth(async (tx) => {
    const off = await tx
      .update(accountSecurity)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: sql`now()` })
      .where(and(eq(accountSecurity.userId, user.id)))
      .returning({ userId: accountSecurity.userId });
    await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    if (off.length > 0) {
      await queueEmail(tx, {
        to: user.email,
        template: "account.two-factor-changed",
        language: await languageOfUser(tx, user.id),
        data: { enabled: false, url: forgotPasswordLink() },
        key: `2fa-off:${user.id}:${now.getTime()}`,
      });
    }
  });
  return { enabled: false };
}
