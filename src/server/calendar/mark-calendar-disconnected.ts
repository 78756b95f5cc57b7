import { and, eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { organisationCalendarConnections } from "@/server/db/schema";
import { log } from "@/server/log";

export const REVOKED_REASON =
  "Google no longer accepts this connection (it was revoked, expired, or replaced by a newer one). Reconnect Google Calendar.";

/**
 * After Google answered invalid_grant: the connection is marked disconnected with the reason
 * and its tokens are wiped (they will never work again). The assistant stops offering bookings
 * (the call context reads status = 'connected'); the dashboard shows the reason.
 */
export async function markCalendarDisconnected(organisationId: string, reason: string, now: Date): Promise<void> {
  await asService((tx) =>
    tx
      .update(organisationCalendarConnections)
      .set({
        status: "disconnected",
        disconnectedReason: reason,
        accessTokenCiphertext: null,
        refreshTokenCiphertext: null,
        tokenExpiresAt: null,
        lastFailureAt: now,
        lastFailureReason: reason,
        updatedAt: now,
      })
      .where(
        and(eq(organisationCalendarConnections.organisationId, organisationId), eq(organisationCalendarConnections.status, "connected")),
      ),
  );
  log.warn({ organisationId }, "calendar: Google refused the refresh token; connection marked disconnected");
}
