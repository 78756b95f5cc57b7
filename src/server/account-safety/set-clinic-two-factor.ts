import { eq, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import type { CurrentUser } from "@/server/auth/current-user";
import { asUser } from "@/server/db/access";
import { organisations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

/**
 * An owner requires (or stops requiring) two-factor sign-in of everyone in the clinic. The owner
 * must have it on first, so they do not lock themselves out. Members without it are sent to
 * enrol at their next request (withOrg answers 403, reason two_factor_required).
 */
export async function setClinicTwoFactor(current: CurrentUser, organisationId: string, required: boolean) {
  if (required && !current.user.twoFactorEnabled) {
    throw new DomainError("conflict", "Turn on two-factor sign-in for yourself first (Account page), then require it of everyone.", {
      reason: "two_factor_off",
    });
  }
  await asUser({ userId: current.user.id, organisationId }, async (tx) => {
    await tx.update(organisations).set({ requireTwoFactor: required, updatedAt: sql`now()` }).where(eq(organisations.id, organisationId));
    await recordAudit(tx, {
      action: "settings.two_factor_changed",
      objectType: "organisation",
      objectId: organisationId,
      details: { required },
    });
  });
  return { require_two_factor: required };
}
