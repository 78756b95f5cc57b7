import { and, count, desc, eq, gt, isNull, ne } from "drizzle-orm";
import type { CurrentUser } from "@/server/auth/current-user";
import { asAuth } from "@/server/db/access";
import { accountSecurity, accountTokens, profiles, recoveryCodes } from "@/server/db/schema";
import { emailEnabled } from "@/server/email/email-status";
import { notificationChoices } from "./notification-choices";

/** GET /api/account: what the Account page shows of the signed-in person. */
export async function accountOverview(current: CurrentUser, now: Date = new Date()) {
  const userId = current.user.id;
  const [security, codes, profile, pending] = await asAuth(async (tx) => {
    const [row] = await tx
      .select({
        verifiedAt: accountSecurity.emailVerifiedAt,
        sentAt: accountSecurity.verificationSentAt,
        totpAt: accountSecurity.totpEnabledAt,
        choices: accountSecurity.emailNotifications,
      })
      .from(accountSecurity)
      .where(eq(accountSecurity.userId, userId));
    const [left] = await tx
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    const [person] = await tx.select({ fullName: profiles.fullName }).from(profiles).where(eq(profiles.id, userId));
    // An address change waiting for its link: a live confirmation link for another address.
    const [change] = await tx
      .select({ email: accountTokens.email })
      .from(accountTokens)
      .where(
        and(
          eq(accountTokens.userId, userId),
          eq(accountTokens.purpose, "verify_email"),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, now),
          ne(accountTokens.email, current.user.email),
        ),
      )
      .orderBy(desc(accountTokens.createdAt))
      .limit(1);
    return [row, left?.n ?? 0, person, change?.email ?? null] as const;
  });
  const requiredBy = current.organisations.filter((o) => o.requireTwoFactor).map((o) => o.name);
  return {
    email: current.user.email,
    full_name: profile?.fullName ?? null,
    email_verified: Boolean(security?.verifiedAt),
    verification_sent_at: security?.sentAt ?? null,
    pending_email: pending,
    email_enabled: emailEnabled(),
    two_factor_enabled: Boolean(security?.totpAt),
    two_factor_required_by: requiredBy,
    recovery_codes_left: codes,
    email_notifications: notificationChoices(security?.choices),
  };
}
