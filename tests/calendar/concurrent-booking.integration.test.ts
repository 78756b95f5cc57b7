import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { runAsUser } from "@/server/db/access";
import { appointments } from "@/server/db/schema";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { pgErrorCode } from "../helpers/factories";
import { usingPostgres } from "../helpers/test-database";
import { connectCalendar, useGoogleEmulator } from "./google-test-kit";

// The dates below are in 2027: the clock starts a month before them, whatever day it is.
pinClock("2027-02-01T08:00:00Z");

/**
 * Two callers can never get the same slot: 50 requests for one slot at once give exactly one
 * appointment and 49 refusals that say the time is taken, on PGlite and on Postgres alike.
 */
const { google, env } = await useGoogleEmulator({ accountEmail: "race@harbour.test" });
const test = useTestApp({ env: () => env() });
const CONCURRENT = 50;

async function clinic() {
  const owner = await signUpOwner("Race Dental");
  await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
    timezone: "Europe/London",
    days: [1, 2, 3, 4, 5].map((day) => ({ day_of_week: day, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    exceptions: [],
  });
  await connectCalendar(owner.client);
  return owner;
}

async function liveAppointments(organisationId: string) {
  return test
    .db()
    .db.select()
    .from(appointments)
    .where(and(eq(appointments.organisationId, organisationId), ne(appointments.status, "cancelled")));
}

describe(`${CONCURRENT} concurrent bookings of one slot (${usingPostgres ? "Postgres" : "PGlite"})`, () => {
  it("through the API: exactly one appointment, one Google event, and 49 clear 409s", async () => {
    const owner = await clinic();
    const staff = [owner, await addTeammate(owner.client, "member"), await addTeammate(owner.client, "admin")];
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        staff[i % staff.length]!.client.post(appointmentsRoute.POST, "/api/calendar/appointments", {
          summary: `Caller ${i}`,
          start: "2027-04-06T10:00:00Z",
          end: "2027-04-06T10:30:00Z",
          customer_name: `Caller ${i}`,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(CONCURRENT - 1);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body.error).toMatchObject({ code: "conflict", details: { reason: "taken" } });
      expect(refused.body.error.message).toMatch(/no longer free/);
      expect(refused.body.error.details.nearest_slots.length).toBeGreaterThan(0);
    }
    const rows = await liveAppointments(owner.organisationId);
    expect(rows).toHaveLength(1);
    const winner = responses.find((r) => r.status === 201)!;
    expect(rows[0]!.id).toBe(winner.body.id);
    expect(google.state.listEvents("race@harbour.test").filter((e) => e.start.dateTime.startsWith("2027-04-06"))).toHaveLength(1);
  });

  it("in the database alone: one row and 49 × SQLSTATE 23P01 from the exclusion constraint; the adjacent slot is fine", async () => {
    const owner = await clinic();
    const { db } = test.db();
    const insertAt = (start: string, end: string, i: number) =>
      runAsUser(db, { userId: owner.userId, organisationId: owner.organisationId }, (tx) =>
        tx.insert(appointments).values({
          organisationId: owner.organisationId,
          calendarId: "race@harbour.test",
          summary: `Raw ${i}`,
          startAt: new Date(start),
          endAt: new Date(end),
        }),
      ).then(
        () => "ok",
        (error: unknown) => pgErrorCode(error) ?? String(error),
      );
    const outcomes = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        insertAt(i % 2 ? "2027-04-07T10:00:00Z" : "2027-04-07T10:15:00Z", i % 2 ? "2027-04-07T10:30:00Z" : "2027-04-07T10:45:00Z", i),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "23P01")).toHaveLength(CONCURRENT - 1);
    const taken = (await liveAppointments(owner.organisationId))[0]!;
    // Touching ('[)') is not overlapping.
    expect(await insertAt(taken.endAt.toISOString(), new Date(taken.endAt.getTime() + 30 * 60_000).toISOString(), 99)).toBe("ok");
    expect(await insertAt(new Date(taken.startAt.getTime() - 30 * 60_000).toISOString(), taken.startAt.toISOString(), 100)).toBe("ok");
  });

  it("retries with one idempotency key at once: one appointment, every answer is the same booking", async () => {
    const owner = await clinic();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        owner.client.post(appointmentsRoute.POST, "/api/calendar/appointments", {
          summary: "Same request",
          start: "2027-04-08T11:00:00Z",
          end: "2027-04-08T11:30:00Z",
          idempotency_key: "double-click-1",
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
    expect(await liveAppointments(owner.organisationId)).toHaveLength(1);
  });
});
