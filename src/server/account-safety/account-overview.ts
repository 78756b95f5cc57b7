import { and, count, eq, isNull } from "drizzle-orm";
import type { CurrentUser } from "@/server/auth/current-user";
import { asAuth } from "@/server/db/access";
import { accountSecurity, recoveryCodes } from "@/server/db/schema";
import { emailEnabled } from "@/server/email/email-status";
import { notificationChoices } from "./notification-choices";

/** GET /api/account: what the Account page shows of the signed-in person. */
export async function accountOverview(current: CurrentUser) {
  const userId = current.user.id;
  const [security, codes] = await asAuth(async (tx) => {
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
    return [row, left?.n ?? 0] as const;
  });
  const requiredBy = current.organisations.filter((o) => o.requireTwoFactor).map((o) => o.name);
  return {
    email: current.user.email,
    email_verified: Boolean(security?.verifiedAt),
    verification_sent_at: security?.sentAt ?? null,
    email_enabled: emailEnabled(),
    two_factor_enabled: Boolean(security?.totpAt),
    two_factor_required_by: requiredBy,
    recovery_codes_left: codes,
    email_notifications: notificationChoices(security?.choices),
  };
}
