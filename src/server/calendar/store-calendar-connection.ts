import type { GoogleTokenGrant } from "@/providers/google/oauth";
import type { Db } from "@/server/db/access";
import { organisationCalendarConnections } from "@/server/db/schema";
import { sealCalendarSecret } from "./token-box";

/**
 * Saves a fresh grant as the clinic's calendar connection (service path; the caller has checked
 * who may connect). Tokens are encrypted and bound to the organisation; the calendar is the
 * account's primary calendar, named by its email as Google names it. Replaces any earlier
 * connection; appointments waiting in the outbox resume with it.
 */
export async function storeCalendarConnection(
  tx: Db,
  input: { organisationId: string; userId: string | null; grant: GoogleTokenGrant; now: Date },
): Promise<void> {
  const { organisationId, grant, now } = input;
  const values = {
    googleAccountEmail: grant.email,
    googleAccountId: grant.googleAccountId,
    calendarId: grant.email,
    accessTokenCiphertext: sealCalendarSecret(grant.accessToken, organisationId),
    refreshTokenCiphertext: sealCalendarSecret(grant.refreshToken, organisationId),
    tokenExpiresAt: grant.expiresAt,
    scopes: grant.scope,
    status: "connected" as const,
    disconnectedReason: null,
    connectedBy: input.userId,
    connectedAt: now,
    lastSuccessAt: now,
    lastFailureAt: null,
    lastFailureReason: null,
    updatedAt: now,
  };
  await tx
    .insert(organisationCalendarConnections)
    .values({ organisationId, ...values })
    .onConflictDoUpdate({ target: organisationCalendarConnections.organisationId, set: values });
}
