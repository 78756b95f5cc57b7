import { describe, expect, it } from "vitest";
import * as appointmentRoute from "@/app/api/calendar/appointments/[id]/route";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as freebusyRoute from "@/app/api/calendar/freebusy/route";
import * as settingsRoute from "@/app/api/calendar/settings/route";
import * as slotsRoute from "@/app/api/calendar/slots/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { eventIdFor } from "@/providers/google/calendar";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { type ApiClient, useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { createFactories } from "../helpers/factories";
import { connectCalendar, useGoogleEmulator } from "./google-test-kit";

// The dates below are in 2027: the clock starts a month before them, whatever day it is.
pinClock("2027-02-01T08:00:00Z");

const { google, env } = await useGoogleEmulator({ accountEmail: "frontdesk@harbour.test" });
const test = useTestApp({ env: () => env() });

const MONDAY = "2027-03-01";
const CALENDAR = "frontdesk@harbour.test";

/** A London clinic, Monday to Friday 09:00–17:00, open on two DST Sundays, calendar connected. */
async function londonClinic(options: { connect?: boolean } = {}) {
  const owner = await signUpOwner("Harbour Dental");
  const hours = await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
    timezone: "Europe/London",
    days: [1, 2, 3, 4, 5].map((day) => ({ day_of_week: day, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    exceptions: [
      { date: "2027-03-28", ranges: [{ opens_at: "09:00", closes_at: "17:00" }] },
      { date: "2027-10-31", ranges: [{ opens_at: "09:00", closes_at: "17:00" }] },
    ],
  });
  expect(hours.status).toBe(200);
  if (options.connect !== false) await connectCalendar(owner.client);
  return owner;
}

const slots = (client: ApiClient, date: string, duration?: number) =>
  client.get(slotsRoute.GET, `/api/calendar/slots?date=${date}${duration ? `&duration_minutes=${duration}` : ""}`);
const book = (client: ApiClient, body: Record<string, unknown>, headers?: Record<string, string>) =>
  client.call(appointmentsRoute.POST, "POST", "/api/calendar/appointments", { body, headers });
const cancel = (client: ApiClient, id: string, body: unknown = { status: "cancelled" }) =>
  client.patch(appointmentRoute.PATCH, `/api/calendar/appointments/${id}`, body, { id });
const list = (client: ApiClient, from: string, to: string) =>
  client.get(appointmentsRoute.GET, `/api/calendar/appointments?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
const times = (body: { slots: { start: string }[] }) => body.slots.map((slot) => slot.start.slice(11, 16));

describe("GET /api/calendar/slots", () => {
  it("offers the open day's quarter hours in the clinic's zone, minus Google busy time", async () => {
    const { client } = await londonClinic();
    const free = await slots(client, MONDAY);
    expect(free.status).toBe(200);
    expect(free.body).toMatchObject({ date: MONDAY, timezone: "Europe/London", duration_minutes: 30, google: "ok" });
    expect(free.body.slots).toHaveLength(31);
    expect(free.body.slots[0]).toEqual({ start: "2027-03-01T09:00:00+00:00", end: "2027-03-01T09:30:00+00:00" });

    google.state.addBusy(CALENDAR, { start: new Date("2027-03-01T10:00:00Z"), end: new Date("2027-03-01T11:00:00Z") });
    const busy = await slots(client, MONDAY, 60);
    expect(times(busy.body)).not.toContain("09:15");
    expect(times(busy.body)).toEqual(expect.arrayContaining(["09:00", "11:00"]));
    expect(times(busy.body).filter((t) => t >= "09:15" && t < "11:00")).toEqual([]);
  });

  it("follows the clinic's wall clock on both DST Sundays", async () => {
    const { client } = await londonClinic();
    const spring = await slots(client, "2027-03-28");
    const autumn = await slots(client, "2027-10-31");
    expect(spring.body.slots[0].start).toBe("2027-03-28T09:00:00+01:00");
    expect(spring.body.slots.at(-1).end).toBe("2027-03-28T17:00:00+01:00");
    expect(autumn.body.slots[0].start).toBe("2027-10-31T09:00:00+00:00");
    expect(autumn.body.slots).toHaveLength(31);
  });

  it("offers nothing on a closed day and answers 422 for a bad date or duration", async () => {
    const { client } = await londonClinic();
    expect((await slots(client, "2027-03-06")).body.slots).toEqual([]);
    expect((await slots(client, "2027-02-30")).status).toBe(422);
    expect((await client.get(slotsRoute.GET, "/api/calendar/slots")).status).toBe(422);
    expect((await slots(client, MONDAY, 3)).status).toBe(422);
  });

  it("keeps the clinic's buffer around appointments; only admins change it", async () => {
    const owner = await londonClinic();
    const member = await addTeammate(owner.client, "member");
    expect((await member.client.patch(settingsRoute.PATCH, "/api/calendar/settings", { buffer_minutes: 15 })).status).toBe(403);
    const changed = await owner.client.patch(settingsRoute.PATCH, "/api/calendar/settings", { buffer_minutes: 15 });
    expect(changed.body).toEqual({ timezone: "Europe/London", buffer_minutes: 15, min_notice_minutes: 60, default_duration_minutes: 30 });
    expect((await owner.client.patch(settingsRoute.PATCH, "/api/calendar/settings", { buffer_minutes: 999 })).status).toBe(422);

    await book(owner.client, { summary: "Check-up", start: "2027-03-02T10:00:00Z", end: "2027-03-02T10:30:00Z" });
    const free = times((await slots(member.client, "2027-03-02")).body);
    expect(free).toContain("09:15");
    expect(free).not.toContain("09:30");
    expect(free).not.toContain("10:30");
    expect(free).toContain("10:45");
  });
});

describe("GET /api/calendar/freebusy", () => {
  it("merges Google's busy time with the clinic's live appointments", async () => {
    const { client } = await londonClinic();
    google.state.addBusy(CALENDAR, { start: new Date("2027-03-03T09:00:00Z"), end: new Date("2027-03-03T10:00:00Z") });
    const booked = await book(client, { summary: "Filling", start: "2027-03-03T10:00:00Z", end: "2027-03-03T10:45:00Z" });
    expect(booked.status).toBe(201);
    const cancelled = await book(client, { summary: "Cancelled", start: "2027-03-03T14:00:00Z", end: "2027-03-03T14:30:00Z" });
    await cancel(client, cancelled.body.id);
    const res = await client.get(freebusyRoute.GET, "/api/calendar/freebusy?timeMin=2027-03-03T00:00:00Z&timeMax=2027-03-04T00:00:00Z");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      time_min: "2027-03-03T00:00:00+00:00",
      time_max: "2027-03-04T00:00:00+00:00",
      timezone: "Europe/London",
      busy: [{ start: "2027-03-03T09:00:00+00:00", end: "2027-03-03T10:45:00+00:00" }],
      google: "ok",
    });
  });

  it.each([
    ["unparsable times", "timeMin=tomorrow&timeMax=2027-03-04T00:00:00Z"],
    ["a time without an offset", "timeMin=2027-03-03T00:00:00&timeMax=2027-03-04T00:00:00Z"],
    ["a range over 62 days", "timeMin=2027-03-01T00:00:00Z&timeMax=2027-05-03T00:00:01Z"],
    ["an end before the start", "timeMin=2027-03-04T00:00:00Z&timeMax=2027-03-03T00:00:00Z"],
    ["no range", ""],
  ])("answers 422 for %s", async (_label, query) => {
    const { client } = await londonClinic();
    const res = await client.get(freebusyRoute.GET, `/api/calendar/freebusy?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_input");
  });
});

describe("POST /api/calendar/appointments", () => {
  it("books, creates the Google event with the id derived from the appointment, and lists it", async () => {
    const owner = await londonClinic();
    const member = await addTeammate(owner.client, "member");
    const res = await book(member.client, {
      summary: "Hygienist",
      start: "2027-03-04T11:00:00+00:00",
      end: "2027-03-04T11:30:00+00:00",
      customer_name: "Ada Lovelace",
      customer_phone: "+44 7911 123456",
      description: "First visit",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      summary: "Hygienist",
      start: "2027-03-04T11:00:00+00:00",
      end: "2027-03-04T11:30:00+00:00",
      timezone: "Europe/London",
      customer_name: "Ada Lovelace",
      customer_phone: "+447911123456",
      status: "confirmed",
      calendar_id: CALENDAR,
      calendar_event_id: eventIdFor(res.body.id),
      sync: { status: "synced", attempts: 0, last_error: null, next_attempt_at: null },
      created_by: member.userId,
      call: null,
    });
    const event = google.state.getEvent(CALENDAR, eventIdFor(res.body.id))!;
    expect(event).toMatchObject({ status: "confirmed", summary: "Hygienist", start: { timeZone: "Europe/London" } });
    expect(Date.parse(event.start.dateTime)).toBe(Date.parse("2027-03-04T11:00:00Z"));
    expect(event.description).toContain("Ada Lovelace");

    const listed = await list(owner.client, "2027-03-04T00:00:00Z", "2027-03-05T00:00:00Z");
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([res.body]);
  });

  it("refuses an overlap with 409 and the nearest free slots; touching is fine", async () => {
    const { client } = await londonClinic();
    expect((await book(client, { summary: "A", start: "2027-03-05T10:00:00Z", end: "2027-03-05T11:00:00Z" })).status).toBe(201);
    const overlap = await book(client, { summary: "B", start: "2027-03-05T10:30:00Z", end: "2027-03-05T11:00:00Z" });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe("conflict");
    expect(overlap.body.error.details.reason).toBe("taken");
    // Nearest to the asked 10:30: 11:00 (30 min away), 11:15 (45), then 09:30 (60; the earlier of a tie).
    expect(overlap.body.error.details.nearest_slots).toEqual([
      { start: "2027-03-05T09:30:00+00:00", end: "2027-03-05T10:00:00+00:00" },
      { start: "2027-03-05T11:00:00+00:00", end: "2027-03-05T11:30:00+00:00" },
      { start: "2027-03-05T11:15:00+00:00", end: "2027-03-05T11:45:00+00:00" },
    ]);
    expect((await book(client, { summary: "C", start: "2027-03-05T11:00:00Z", end: "2027-03-05T11:30:00Z" })).status).toBe(201);
  });

  it("refuses Google busy time, times outside opening hours and the past, each with alternatives", async () => {
    const { client } = await londonClinic();
    google.state.addBusy(CALENDAR, { start: new Date("2027-03-08T13:00:00Z"), end: new Date("2027-03-08T14:00:00Z") });
    const busy = await book(client, { summary: "x", start: "2027-03-08T13:30:00Z", end: "2027-03-08T14:00:00Z" });
    expect([busy.status, busy.body.error.details.reason]).toEqual([409, "taken"]);

    const evening = await book(client, { summary: "x", start: "2027-03-08T16:45:00Z", end: "2027-03-08T17:15:00Z" });
    expect([evening.status, evening.body.error.details.reason]).toEqual([409, "outside_hours"]);
    // Nearest to 16:45: 16:30, 16:15, 16:00 that day (the next morning is further away), in time order.
    expect(evening.body.error.details.nearest_slots.map((slot: { start: string }) => slot.start)).toEqual([
      "2027-03-08T16:00:00+00:00",
      "2027-03-08T16:15:00+00:00",
      "2027-03-08T16:30:00+00:00",
    ]);

    const saturday = await book(client, { summary: "x", start: "2027-03-06T10:00:00Z", end: "2027-03-06T10:30:00Z" });
    expect(saturday.body.error.details.reason).toBe("outside_hours");

    const past = await book(client, { summary: "x", start: "2020-03-02T10:00:00Z", end: "2020-03-02T10:30:00Z" });
    expect([past.status, past.body.error.details.reason]).toEqual([409, "in_the_past"]);
  });

  it("returns the first booking for a retried idempotency key (body or header), with one Google event", async () => {
    const { client } = await londonClinic();
    const body = { summary: "Retry", start: "2027-03-09T09:00:00Z", end: "2027-03-09T09:30:00Z", idempotency_key: "form-42" };
    const first = await book(client, body);
    const again = await book(client, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(google.state.listEvents(CALENDAR).filter((e) => e.summary === "Retry")).toHaveLength(1);

    const viaHeader = { summary: "Header", start: "2027-03-09T10:00:00Z", end: "2027-03-09T10:30:00Z" };
    const a = await book(client, viaHeader, { "idempotency-key": "hdr-1" });
    const b = await book(client, viaHeader, { "idempotency-key": "hdr-1" });
    expect(b.body.id).toBe(a.body.id);
  });

  it("links the appointment to one of the clinic's calls, and refuses another clinic's", async () => {
    const owner = await londonClinic();
    const other = await londonClinic({ connect: false });
    const f = createFactories(test.db().db);
    const call = await f.createCall({ id: owner.organisationId }, { fromNumber: "+447700900555" });
    const otherCall = await f.createCall({ id: other.organisationId });
    const res = await book(owner.client, {
      summary: "From call",
      start: "2027-03-10T09:00:00Z",
      end: "2027-03-10T09:30:00Z",
      call_id: call.id,
    });
    expect(res.status).toBe(201);
    const listed = await list(owner.client, "2027-03-10T00:00:00Z", "2027-03-11T00:00:00Z");
    expect(listed.body[0].call).toMatchObject({ id: call.id, from_number: "+447700900555" });
    const foreign = await book(owner.client, {
      summary: "x",
      start: "2027-03-10T11:00:00Z",
      end: "2027-03-10T11:30:00Z",
      call_id: otherCall.id,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details.fields).toEqual([{ path: "call_id", message: "is not a call of this clinic" }]);
  });

  it("refuses to book without a connected calendar", async () => {
    const { client } = await londonClinic({ connect: false });
    const res = await book(client, { summary: "x", start: "2027-03-02T10:00:00Z", end: "2027-03-02T10:30:00Z" });
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe("calendar_not_connected");
  });

  it.each([
    ["no summary", { start: "2027-03-02T10:00:00Z", end: "2027-03-02T10:30:00Z" }, "summary"],
    ["an end before the start", { summary: "x", start: "2027-03-02T10:00:00Z", end: "2027-03-02T09:30:00Z" }, "end"],
    ["a local time without offset", { summary: "x", start: "2027-03-02T10:00:00", end: "2027-03-02T10:30:00Z" }, "start"],
    [
      "a bad phone number",
      { summary: "x", start: "2027-03-02T10:00:00Z", end: "2027-03-02T10:30:00Z", customer_phone: "12" },
      "customer_phone",
    ],
  ])("answers 422 for %s", async (_label, body, path) => {
    const { client } = await londonClinic({ connect: false });
    const res = await book(client, body);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
  });
});

describe("PATCH /api/calendar/appointments/:id", () => {
  it("lets a member cancel: the Google event is cancelled and the slot is free again", async () => {
    const owner = await londonClinic();
    const member = await addTeammate(owner.client, "member");
    const booked = await book(owner.client, { summary: "Cancel me", start: "2027-03-11T09:00:00Z", end: "2027-03-11T09:30:00Z" });
    const res = await cancel(member.client, booked.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: booked.body.id, status: "cancelled", sync: { status: "synced" } });
    expect(google.state.getEvent(CALENDAR, eventIdFor(booked.body.id))!.status).toBe("cancelled");
    expect((await cancel(member.client, booked.body.id)).body.status).toBe("cancelled");

    const rebooked = await book(member.client, { summary: "Rebooked", start: "2027-03-11T09:00:00Z", end: "2027-03-11T09:30:00Z" });
    expect(rebooked.status).toBe(201);
  });

  it("answers 422 for anything but cancelling and 404 for another clinic's appointment", async () => {
    const owner = await londonClinic();
    const stranger = await londonClinic();
    const booked = await book(owner.client, { summary: "Mine", start: "2027-03-12T09:00:00Z", end: "2027-03-12T09:30:00Z" });
    expect((await cancel(owner.client, booked.body.id, { status: "confirmed" })).status).toBe(422);
    expect((await cancel(stranger.client, booked.body.id)).status).toBe(404);
    expect((await cancel(owner.client, "not-a-uuid")).status).toBe(404);
    expect(google.state.getEvent(CALENDAR, eventIdFor(booked.body.id))!.status).toBe("confirmed");
  });
});

describe("GET /api/calendar/appointments", () => {
  it("answers 422 for a range over 62 days", async () => {
    const { client } = await londonClinic({ connect: false });
    expect((await list(client, "2027-01-01T00:00:00Z", "2027-03-05T00:00:00Z")).status).toBe(422);
  });
});
