import { eq } from "drizzle-orm";
import type { GoogleCalendar } from "@/providers/google/calendar";
import { GoogleError } from "@/providers/google/errors";
import type { RefreshedAccessToken } from "@/providers/google/oauth";
import { asService } from "@/server/db/access";
import { organisationCalendarConnections, organisations } from "@/server/db/schema";
import { CalendarNotConnectedError } from "./calendar-not-connected";
import { type GoogleServices, googleServices } from "./google-services";
import { markCalendarDisconnected, REVOKED_REASON } from "./mark-calendar-disconnected";
import { recordGoogleOutcome } from "./record-google-outcome";
import { openCalendarSecret, sealCalendarSecret } from "./token-box";

/** What a Google call needs: a live access token for the clinic's calendar, and the clinic's zone. */
export interface CalendarAccess {
  organisationId: string;
  calendarId: string;
  timezone: string;
  accessToken: string;
}

/** Access tokens are refreshed this long before Google's stated expiry. */
const REFRESH_AHEAD_MS = 60_000;

interface StoredConnection {
  calendarId: string;
  timezone: string;
  accessToken: string | null;
  refreshToken: string;
  expiresAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
}

/**
 * Runs `fn` against the clinic's Google Calendar (service path: tokens are decrypted here only).
 * Refreshes the access token ahead of expiry, and once more if Google answers 401; stores every
 * new token encrypted. invalid_grant marks the connection disconnected and throws
 * CalendarNotConnectedError, as does a clinic without a connected calendar. Other failures are
 * GoogleErrors (see `kind`), recorded on the connection for its health.
 */
export async function withCalendarAccess<T>(
  organisationId: string,
  now: Date,
  fn: (access: CalendarAccess, calendar: GoogleCalendar) => Promise<T>,
): Promise<T> {
  const google = googleServices();
  if (!google) throw new CalendarNotConnectedError("Google Calendar is not set up on this server.");
  const stored = await loadConnection(organisationId);
  let accessToken = stored.accessToken;
  try {
    if (!accessToken || !stored.expiresAt || stored.expiresAt.getTime() - REFRESH_AHEAD_MS <= now.getTime()) {
      accessToken = await refresh(google, organisationId, stored, now);
    }
    const access = { organisationId, calendarId: stored.calendarId, timezone: stored.timezone, accessToken };
    let result: T;
    try {
      result = await fn(access, google.calendar);
    } catch (error) {
      if (!(error instanceof GoogleError) || error.kind !== "unauthorized") throw error;
      const renewed = await refresh(google, organisationId, stored, now);
      result = await fn({ ...access, accessToken: renewed }, google.calendar);
    }
    await recordGoogleOutcome(organisationId, now, { ok: true, previous: stored });
    return result;
  } catch (error) {
    if (error instanceof GoogleError) await recordGoogleOutcome(organisationId, now, { ok: false, error });
    throw error;
  }
}

async function loadConnection(organisationId: string): Promise<StoredConnection> {
  const [row] = await asService((tx) =>
    tx
      .select({
        status: organisationCalendarConnections.status,
        calendarId: organisationCalendarConnections.calendarId,
        accessTokenCiphertext: organisationCalendarConnections.accessTokenCiphertext,
        refreshTokenCiphertext: organisationCalendarConnections.refreshTokenCiphertext,
        tokenExpiresAt: organisationCalendarConnections.tokenExpiresAt,
        lastSuccessAt: organisationCalendarConnections.lastSuccessAt,
        lastFailureAt: organisationCalendarConnections.lastFailureAt,
        timezone: organisations.timezone,
      })
      .from(organisationCalendarConnections)
      .innerJoin(organisations, eq(organisations.id, organisationCalendarConnections.organisationId))
      .where(eq(organisationCalendarConnections.organisationId, organisationId)),
  );
  if (row?.status !== "connected" || !row.refreshTokenCiphertext) throw new CalendarNotConnectedError();
  return {
    calendarId: row.calendarId,
    timezone: row.timezone,
    accessToken: row.accessTokenCiphertext ? openCalendarSecret(row.accessTokenCiphertext, organisationId) : null,
    refreshToken: openCalendarSecret(row.refreshTokenCiphertext, organisationId),
    expiresAt: row.tokenExpiresAt,
    lastSuccessAt: row.lastSuccessAt,
    lastFailureAt: row.lastFailureAt,
  };
}

/** A new access token from the refresh token, stored encrypted (with a new refresh token if Google sent one). */
async function refresh(google: GoogleServices, organisationId: string, stored: StoredConnection, now: Date): Promise<string> {
  let refreshed: RefreshedAccessToken;
  try {
    refreshed = await google.oauth.refreshAccessToken(stored.refreshToken);
  } catch (error) {
    if (error instanceof GoogleError && error.kind === "invalid_grant") {
      await markCalendarDisconnected(organisationId, REVOKED_REASON, now);
      throw new CalendarNotConnectedError(REVOKED_REASON);
    }
    throw error;
  }
  if (refreshed.refreshToken) stored.refreshToken = refreshed.refreshToken;
  await asService((tx) =>
    tx
      .update(organisationCalendarConnections)
      .set({
        accessTokenCiphertext: sealCalendarSecret(refreshed.accessToken, organisationId),
        tokenExpiresAt: refreshed.expiresAt,
        ...(refreshed.refreshToken ? { refreshTokenCiphertext: sealCalendarSecret(refreshed.refreshToken, organisationId) } : {}),
        updatedAt: now,
      })
      .where(eq(organisationCalendarConnections.organisationId, organisationId)),
  );
  return refreshed.accessToken;
}
