import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import * as appointmentRoute from "@/app/api/calendar/appointments/[id]/route";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as connectionRoute from "@/app/api/calendar/connection/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { eventIdFor } from "@/providers/google/calendar";
import { claimDueAppointments } from "@/server/calendar/outbox/claim-due-appointments";
import { MAX_SYNC_ATTEMPTS } from "@/server/calendar/outbox/outbox-policy";
import { processCalendarOutbox } from "@/server/calendar/outbox/process-calendar-outbox";
import { recordSyncResult } from "@/server/calendar/outbox/record-sync-result";
import { syncAppointment } from "@/server/calendar/outbox/sync-appointment";
import { appointments } from "@/server/db/schema";
import { signUpOwner } from "../helpers/accounts";
import { type ApiClient, useTestApp, withEnv } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { connectCalendar, useGoogleEmulator } from "./google-test-kit";

// The dates below are in 2027: the clock starts a month before them, whatever day it is.
pinClock("2027-02-01T08:00:00Z");

/**
 * Google down or slow loses no booking: the appointment is kept as pending_sync and the outbox
 * (rows in Postgres, leased and retried with backoff) creates exactly one event once Google
 * answers. processCalendarOutbox(now) is driven with explicit clocks.
 */
const CALENDAR = "outbox@harbour.test";
const { google, env } = await useGoogleEmulator({ accountEmail: CALENDAR });
const test = useTestApp({ env: () => env() });

let day = 0;
/** A fresh weekday slot per test (Mondays to Fridays from 2027-05-03), so tests never collide. */
function nextSlot() {
  const date = new Date(Date.UTC(2027, 4, 3 + Math.floor(day / 5) * 7 + (day % 5), 10));
  day += 1;
  return { start: date.toISOString(), end: new Date(date.getTime() + 30 * 60_000).toISOString() };
}

async function clinic() {
  const owner = await signUpOwner("Outbox Dental");
  await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
    timezone: "Europe/London",
    days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    exceptions: [],
  });
  await connectCalendar(owner.client);
  return owner;
}

const book = (client: ApiClient, summary: string) =>
  client.post(appointmentsRoute.POST, "/api/calendar/appointments", { summary, ...nextSlot() });

async function row(id: string) {
  const [found] = await test.db().db.select().from(appointments).where(eq(appointments.id, id));
  return found!;
}

const eventsFor = (id: string) => google.state.listEvents(CALENDAR, { includeCancelled: true }).filter((e) => e.id === eventIdFor(id));
const later = (ms: number) => new Date(Date.now() + ms);

describe("Google down while booking", () => {
  it("keeps the booking as pending_sync, retries with backoff, and creates exactly one event after Google recovers", async () => {
    const { client } = await clinic();
    google.fail("events.insert", { status: 500, times: Infinity });
    try {
      const res = await book(client, "During an outage");
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: "pending_sync",
        calendar_event_id: null,
        sync: { status: "pending", attempts: 1, last_error: "Google Calendar was unavailable." },
      });
      const id = res.body.id as string;
      const firstRetryAt = (await row(id)).syncNextAttemptAt!;
      expect(firstRetryAt.getTime() - Date.now()).toBeGreaterThan(20_000);
      expect((await client.get(connectionRoute.GET, "/api/calendar/connection")).body.health).toMatchObject({
        status: "degraded",
        pending_sync: 1,
        last_failure_reason: "Google Calendar was unavailable.",
      });

      // Not due yet: nothing is claimed.
      expect((await processCalendarOutbox(later(5_000))).claimed).toBe(0);
      // Due, still down: one more attempt, and the next one further away.
      const second = await processCalendarOutbox(new Date(firstRetryAt.getTime() + 1));
      expect(second).toMatchObject({ claimed: 1, retry: 1 });
      const afterSecond = await row(id);
      expect(afterSecond.syncAttempts).toBe(2);
      expect(afterSecond.syncNextAttemptAt!.getTime() - firstRetryAt.getTime()).toBeGreaterThan(50_000);
      expect(eventsFor(id)).toHaveLength(0);
    } finally {
      google.clearFailures();
    }

    const id = (await test.db().db.select().from(appointments).where(eq(appointments.summary, "During an outage")))[0]!.id;
    const recovered = await processCalendarOutbox(later(10 * 60_000));
    expect(recovered).toMatchObject({ claimed: 1, created: 1 });
    expect(await row(id)).toMatchObject({
      status: "confirmed",
      syncStatus: "synced",
      calendarEventId: eventIdFor(id),
      syncLastError: null,
    });
    expect(eventsFor(id)).toHaveLength(1);
    // Running it again changes nothing.
    expect((await processCalendarOutbox(later(20 * 60_000))).claimed).toBe(0);
    expect(eventsFor(id)).toHaveLength(1);
    expect((await client.get(connectionRoute.GET, "/api/calendar/connection")).body.health).toMatchObject({
      status: "healthy",
      pending_sync: 0,
    });
  });

  it("a slow insert that Google completed after our timeout is found, not duplicated (409 duplicate = success)", async () => {
    const { client } = await clinic();
    google.fail("events.insert", { delayMs: 3_000 });
    // Only this booking's calls are impatient; connecting above had the normal timeout.
    const res = await withEnv({ GOOGLE_HTTP_TIMEOUT_MS: "1000" }, () => book(client, "Slow Google"));
    expect(res.body).toMatchObject({
      status: "pending_sync",
      sync: { status: "pending", last_error: "Google Calendar did not answer in time." },
    });
    const id = res.body.id as string;
    // Google finishes the first insert after our timeout.
    await vi.waitFor(() => expect(eventsFor(id)).toHaveLength(1), { timeout: 30_000, interval: 50 });

    const inserts = google.state.requestCount("events.insert");
    expect(await processCalendarOutbox(later(10 * 60_000))).toMatchObject({ created: 1 });
    expect(google.state.requestCount("events.insert")).toBe(inserts + 1);
    expect(eventsFor(id)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "confirmed", syncStatus: "synced" });
  });

  it("books without asking Google again when freeBusy already failed; the worker creates the event", async () => {
    const { client } = await clinic();
    google.fail("freeBusy", { status: 503, times: Infinity });
    const inserts = google.state.requestCount("events.insert");
    let id: string;
    try {
      const res = await book(client, "FreeBusy down");
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: "pending_sync", sync: { status: "pending", attempts: 0 } });
      id = res.body.id;
      expect(google.state.requestCount("events.insert")).toBe(inserts);
    } finally {
      google.clearFailures();
    }
    expect(await processCalendarOutbox(later(60_000))).toMatchObject({ created: 1 });
    expect(eventsFor(id)).toHaveLength(1);
  });

  it("marks an appointment failed after the last attempt", async () => {
    const { client } = await clinic();
    google.fail("events.insert", { status: 503, times: Infinity });
    try {
      const { body } = await book(client, "Never makes it");
      for (let attempt = 2; attempt <= MAX_SYNC_ATTEMPTS; attempt++) {
        await processCalendarOutbox(new Date((await row(body.id)).syncNextAttemptAt!.getTime()));
      }
      expect(await row(body.id)).toMatchObject({ syncStatus: "failed", syncAttempts: MAX_SYNC_ATTEMPTS, syncNextAttemptAt: null });
      expect((await client.get(connectionRoute.GET, "/api/calendar/connection")).body.health.failed_sync).toBe(1);
    } finally {
      google.clearFailures();
    }
  });
});

describe("the outbox survives restarts and races", () => {
  it("a worker that dies holding a row gives it back when its lease runs out", async () => {
    const { client } = await clinic();
    google.fail("events.insert", { status: 500 });
    const { body } = await book(client, "Crashed worker");
    const due = new Date((await row(body.id)).syncNextAttemptAt!.getTime() + 1);
    // A worker claims the row and dies before writing anything.
    expect(await claimDueAppointments(due, { limit: 10, onlyId: body.id })).toHaveLength(1);
    expect((await processCalendarOutbox(new Date(due.getTime() + 60_000))).claimed).toBe(0);
    expect(await processCalendarOutbox(new Date(due.getTime() + 3 * 60_000))).toMatchObject({ claimed: 1, created: 1 });
    expect(eventsFor(body.id)).toHaveLength(1);
  });

  it("a cancel made while a worker is creating the event wins: the event is cancelled afterwards", async () => {
    const { client } = await clinic();
    google.fail("events.insert", { status: 500 });
    const { body } = await book(client, "Cancelled mid-flight");
    const due = new Date((await row(body.id)).syncNextAttemptAt!.getTime() + 1);
    const [claimed] = await claimDueAppointments(due, { limit: 1, onlyId: body.id });

    const cancelled = await client.patch(
      appointmentRoute.PATCH,
      `/api/calendar/appointments/${body.id}`,
      { status: "cancelled" },
      { id: body.id },
    );
    expect(cancelled.body).toMatchObject({ status: "cancelled", sync: { status: "pending" } });

    // The worker's insert lands in Google, but its result no longer applies.
    const result = await syncAppointment(claimed!, due);
    expect(result.kind).toBe("created");
    expect(await recordSyncResult(claimed!, result, due)).toBe("superseded");
    expect(await row(body.id)).toMatchObject({ status: "cancelled", syncStatus: "pending", syncLockedUntil: null });

    expect(await processCalendarOutbox(due)).toMatchObject({ cancelled: 1 });
    expect(eventsFor(body.id).map((e) => e.status)).toEqual(["cancelled"]);
    expect(await row(body.id)).toMatchObject({ status: "cancelled", syncStatus: "synced" });
  });

  it("waits while the calendar is disconnected and syncs after a reconnect", async () => {
    const owner = await clinic();
    google.fail("events.insert", { status: 500 });
    const { body } = await book(owner.client, "Across a reconnect");
    google.state.refreshTokensInvalid = true;
    google.state.expireAccessTokens();
    try {
      const due = new Date((await row(body.id)).syncNextAttemptAt!.getTime() + 1);
      // The refresh answers invalid_grant: the clinic is disconnected, the row waits (still pending).
      expect(await processCalendarOutbox(new Date(due.getTime() + 3_600_000))).toMatchObject({ claimed: 1, paused: 1 });
      expect((await owner.client.get(connectionRoute.GET, "/api/calendar/connection")).body.status).toBe("disconnected");
      expect((await processCalendarOutbox(new Date(due.getTime() + 7_200_000))).claimed).toBe(0);
      expect((await row(body.id)).syncStatus).toBe("pending");
    } finally {
      google.state.refreshTokensInvalid = false;
    }
    await connectCalendar(owner.client);
    expect(await processCalendarOutbox(later(3 * 3_600_000))).toMatchObject({ created: 1 });
    expect(eventsFor(body.id)).toHaveLength(1);
  });
});
