import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as connectionRoute from "@/app/api/calendar/connection/route";
import * as freebusyRoute from "@/app/api/calendar/freebusy/route";
import { openCalendarSecret } from "@/server/calendar/token-box";
import { loadOrganisationCallContext } from "@/server/calls/load-call-context";
import { asService } from "@/server/db/access";
import { appointments, organisationCalendarConnections } from "@/server/db/schema";
import { signUpOwner } from "../helpers/accounts";
import { type ApiClient, useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { connectCalendar, useGoogleEmulator } from "./google-test-kit";
import { findPlaintextSecrets, secretsIssuedBy } from "./plaintext-scan";

// The dates below are in 2027: the clock starts a month before them, whatever day it is.
pinClock("2027-02-01T08:00:00Z");

const { google, env } = await useGoogleEmulator({ accountEmail: "tokens@harbour.test" });
const test = useTestApp({ env: () => env() });

async function connection(organisationId: string) {
  const [row] = await test
    .db()
    .db.select()
    .from(organisationCalendarConnections)
    .where(eq(organisationCalendarConnections.organisationId, organisationId));
  return row!;
}

const freebusy = (client: ApiClient) =>
  client.get(freebusyRoute.GET, "/api/calendar/freebusy?timeMin=2027-06-01T00:00:00Z&timeMax=2027-06-02T00:00:00Z");

describe("access tokens", () => {
  it("are refreshed before they expire, and the new one is stored encrypted", async () => {
    const { client, organisationId } = await signUpOwner();
    await connectCalendar(client);
    const before = await connection(organisationId);
    const tokenRequests = google.state.requestCount("token");

    // Still valid: no refresh.
    expect((await freebusy(client)).body.google).toBe("ok");
    expect(google.state.requestCount("token")).toBe(tokenRequests);

    // Within a minute of expiry: refreshed first, then used.
    await test
      .db()
      .db.update(organisationCalendarConnections)
      .set({ tokenExpiresAt: new Date(Date.now() + 30_000) })
      .where(eq(organisationCalendarConnections.organisationId, organisationId));
    expect((await freebusy(client)).body.google).toBe("ok");
    expect(google.state.requestCount("token")).toBe(tokenRequests + 1);
    const after = await connection(organisationId);
    expect(after.accessTokenCiphertext).not.toBe(before.accessTokenCiphertext);
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const newToken = openCalendarSecret(after.accessTokenCiphertext!, organisationId);
    expect(google.state.accessTokens.get(newToken)?.expiresAt).toBeGreaterThan(Date.now());
    expect(after.refreshTokenCiphertext).toBe(before.refreshTokenCiphertext);
    expect(await findPlaintextSecrets(test.db().db, secretsIssuedBy(google))).toEqual([]);
  });

  it("are refreshed once when Google answers 401 for one we thought valid, and the call succeeds", async () => {
    const { client } = await signUpOwner();
    await connectCalendar(client);
    google.state.expireAccessTokens();
    const tokenRequests = google.state.requestCount("token");
    const freeBusyRequests = google.state.requestCount("freeBusy");
    expect((await freebusy(client)).body.google).toBe("ok");
    expect(google.state.requestCount("token")).toBe(tokenRequests + 1);
    expect(google.state.requestCount("freeBusy")).toBe(freeBusyRequests + 2);
  });
});

describe("invalid_grant (revoked or expired refresh token)", () => {
  it("disconnects the clinic with the reason, wipes its tokens, and the assistant stops offering bookings", async () => {
    const { client, organisationId } = await signUpOwner();
    await connectCalendar(client);
    expect((await asService((tx) => loadOrganisationCallContext(tx, organisationId)))!.calendarConnected).toBe(true);

    // The clinic revoked access in its Google account.
    const refreshToken = openCalendarSecret((await connection(organisationId)).refreshTokenCiphertext!, organisationId);
    expect(google.state.revokeGrantOf(refreshToken)).toBe(true);
    google.state.expireAccessTokens();

    const res = await freebusy(client);
    expect(res.status).toBe(200);
    expect(res.body.google).toBe("not_connected");

    const row = await connection(organisationId);
    expect(row).toMatchObject({ status: "disconnected", accessTokenCiphertext: null, refreshTokenCiphertext: null });
    const status = await client.get(connectionRoute.GET, "/api/calendar/connection");
    expect(status.body).toMatchObject({
      status: "disconnected",
      disconnected_reason: expect.stringMatching(/Reconnect Google Calendar/),
      health: { status: "disconnected" },
    });
    expect((await asService((tx) => loadOrganisationCallContext(tx, organisationId)))!.calendarConnected).toBe(false);

    const booking = await client.post(appointmentsRoute.POST, "/api/calendar/appointments", {
      summary: "x",
      start: "2027-06-01T10:00:00Z",
      end: "2027-06-01T10:30:00Z",
    });
    expect(booking.status).toBe(409);
    expect(booking.body.error.details.reason).toBe("calendar_not_connected");

    // Reconnecting brings it back.
    await connectCalendar(client);
    expect((await connection(organisationId)).status).toBe("connected");
    expect((await freebusy(client)).body.google).toBe("ok");
  });

  it("refuses a booking when Google refuses the token during it, and books nothing", async () => {
    const { client, organisationId } = await signUpOwner();
    await connectCalendar(client);
    const refreshToken = openCalendarSecret((await connection(organisationId)).refreshTokenCiphertext!, organisationId);
    google.state.revokeGrantOf(refreshToken);
    google.state.expireAccessTokens();
    const booking = await client.post(appointmentsRoute.POST, "/api/calendar/appointments", {
      summary: "x",
      start: "2027-06-01T10:00:00Z",
      end: "2027-06-01T10:30:00Z",
    });
    expect(booking.status).toBe(409);
    expect(booking.body.error.details.reason).toBe("calendar_not_connected");
    expect((await connection(organisationId)).status).toBe("disconnected");
    const rows = await test.db().db.select().from(appointments).where(eq(appointments.organisationId, organisationId));
    expect(rows).toEqual([]);
  });
});
