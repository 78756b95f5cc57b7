import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGoogleCalendar, eventIdFor, type GoogleCalendar, isValidEventId } from "@/providers/google/calendar";
import { createGoogleConfig } from "@/providers/google/config";
import { CLIENT_ID, CLIENT_SECRET, connect, expectGoogleError, type GoogleTestBed, startTestBed } from "./helpers";

const day = { timeMin: new Date("2026-03-09T00:00:00Z"), timeMax: new Date("2026-03-10T00:00:00Z") };
const at = (time: string) => new Date(`2026-03-09T${time}:00Z`);

describe("eventIdFor", () => {
  it("turns an appointment UUID into a valid, deterministic Google event id", () => {
    const appointmentId = "0F8FAD5B-D9CB-469F-A165-70867728950E";
    const eventId = eventIdFor(appointmentId);
    expect(eventId).toBe("0f8fad5bd9cb469fa16570867728950e");
    expect(eventIdFor(appointmentId.toLowerCase())).toBe(eventId);
    expect(isValidEventId(eventId)).toBe(true);
    for (let i = 0; i < 100; i += 1) expect(isValidEventId(eventIdFor(randomUUID()))).toBe(true);
  });

  it("refuses anything that is not a UUID", () => {
    expect(() => eventIdFor("appointment-1")).toThrow(/UUID/);
    expect(() => eventIdFor("")).toThrow(/UUID/);
  });

  it("knows Google's id rule: base32hex (a-v, 0-9), 5 to 1024 characters", () => {
    expect(isValidEventId("abcv0")).toBe(true);
    expect(isValidEventId("abcd")).toBe(false);
    expect(isValidEventId("abcdw")).toBe(false);
    expect(isValidEventId("ABCDE")).toBe(false);
    expect(isValidEventId("a".repeat(1024))).toBe(true);
    expect(isValidEventId("a".repeat(1025))).toBe(false);
  });
});

describe("Google Calendar against the emulator", () => {
  let bed: GoogleTestBed;
  let calendar: GoogleCalendar;
  let accessToken: string;

  beforeEach(async () => {
    bed = await startTestBed({ accountEmail: "reception@clinic.example" });
    calendar = createGoogleCalendar(bed.config);
    accessToken = (await connect(bed)).accessToken;
  });
  afterEach(() => bed.emulator.close());

  const booking = (appointmentId = randomUUID()) => ({
    accessToken,
    calendarId: "primary",
    eventId: eventIdFor(appointmentId),
    summary: "Check-up: Ada Lovelace",
    description: "Booked by phone",
    start: at("10:00"),
    end: at("10:30"),
    timeZone: "Europe/London",
  });

  describe("queryFreeBusy", () => {
    it("returns busy time from events and from other sources, merged and sorted", async () => {
      bed.emulator.state.addBusy("primary", { start: at("14:00"), end: at("15:00") });
      bed.emulator.state.addBusy("primary", { start: at("14:30"), end: at("15:30") });
      bed.emulator.state.addBusy("primary", { start: new Date("2026-03-12T09:00:00Z"), end: new Date("2026-03-12T10:00:00Z") });
      await calendar.insertEvent(booking());

      const busy = await calendar.queryFreeBusy({ accessToken, calendarId: "primary", ...day, timeZone: "Europe/London" });
      expect(busy).toEqual([
        { start: at("10:00"), end: at("10:30") },
        { start: at("14:00"), end: at("15:30") },
      ]);
    });

    it("clips busy time to the requested range", async () => {
      bed.emulator.state.addBusy("primary", { start: new Date("2026-03-08T23:00:00Z"), end: at("01:00") });
      const busy = await calendar.queryFreeBusy({ accessToken, calendarId: "primary", ...day, timeZone: "UTC" });
      expect(busy).toEqual([{ start: day.timeMin, end: at("01:00") }]);
    });

    it("turns the per-calendar notFound inside an HTTP 200 into invalid_request", async () => {
      const error = await expectGoogleError(
        calendar.queryFreeBusy({ accessToken, calendarId: "someone-else@example.com", ...day, timeZone: "UTC" }),
        "invalid_request",
      );
      expect(error.reason).toBe("notFound");
    });

    it("refuses an empty time range with Google's timeRangeEmpty", async () => {
      const error = await expectGoogleError(
        calendar.queryFreeBusy({ accessToken, calendarId: "primary", timeMin: day.timeMax, timeMax: day.timeMin, timeZone: "UTC" }),
        "invalid_request",
      );
      expect(error).toMatchObject({ status: 400, reason: "timeRangeEmpty" });
    });

    it("needs the freebusy scope: without it Google answers 403 insufficientPermissions", async () => {
      bed.emulator.state.grantedScopes = ["openid", "email", "https://www.googleapis.com/auth/calendar.events"];
      const narrow = await connect(bed);
      const error = await expectGoogleError(
        calendar.queryFreeBusy({ accessToken: narrow.accessToken, calendarId: "primary", ...day, timeZone: "UTC" }),
        "invalid_request",
      );
      expect(error).toMatchObject({ status: 403, reason: "insufficientPermissions" });
    });

    it("answers unauthorized for an expired access token, and works again after a refresh", async () => {
      const { refreshToken } = await connect(bed);
      bed.emulator.state.expireAccessTokens();
      await expectGoogleError(calendar.queryFreeBusy({ accessToken, calendarId: "primary", ...day, timeZone: "UTC" }), "unauthorized");
      const refreshed = await bed.oauth.refreshAccessToken(refreshToken);
      await expect(
        calendar.queryFreeBusy({ accessToken: refreshed.accessToken, calendarId: "primary", ...day, timeZone: "UTC" }),
      ).resolves.toEqual([]);
    });
  });

  describe("insertEvent", () => {
    it("creates the event with our id, times and zone", async () => {
      const input = { ...booking(), attendees: [{ email: "ada@example.com", displayName: "Ada" }] };
      const result = await calendar.insertEvent(input);
      expect(result.outcome).toBe("created");
      expect(result.event).toMatchObject({ id: input.eventId, status: "confirmed" });
      expect(result.event.htmlLink).toMatch(/^https:\/\//);

      const [stored, ...others] = bed.emulator.state.listEvents("primary");
      expect(others).toEqual([]);
      expect(stored).toMatchObject({
        id: input.eventId,
        summary: input.summary,
        description: input.description,
        start: { dateTime: "2026-03-09T10:00:00.000Z", timeZone: "Europe/London" },
        end: { dateTime: "2026-03-09T10:30:00.000Z", timeZone: "Europe/London" },
        attendees: [{ email: "ada@example.com", displayName: "Ada" }],
      });
    });

    it("treats Google's 409 duplicate as success and returns the existing event", async () => {
      const input = booking();
      await calendar.insertEvent(input);
      const again = await calendar.insertEvent({ ...input, summary: "A retry" });
      expect(again).toMatchObject({ outcome: "already_exists", event: { id: input.eventId, status: "confirmed" } });
      expect(bed.emulator.state.listEvents("primary")).toHaveLength(1);
      expect(bed.emulator.state.listEvents("primary")[0]?.summary).toBe(input.summary);
      expect(bed.emulator.state.requestCount("events.insert")).toBe(2);
      expect(bed.emulator.state.requestCount("events.get")).toBe(1);
    });

    it("reports an id that was cancelled meanwhile as already existing, with status cancelled", async () => {
      const input = booking();
      await calendar.insertEvent(input);
      await calendar.cancelEvent(input);
      const again = await calendar.insertEvent(input);
      expect(again).toMatchObject({ outcome: "already_exists", event: { status: "cancelled" } });
    });

    it("refuses an invalid event id before calling Google", async () => {
      await expectGoogleError(calendar.insertEvent({ ...booking(), eventId: "not-base32hex" }), "invalid_request");
      expect(bed.emulator.state.requestCount("events.insert")).toBe(0);
    });
  });

  describe("cancelEvent", () => {
    it("cancels the event, and cancelling again or an unknown id counts as done", async () => {
      const input = booking();
      await calendar.insertEvent(input);
      await expect(calendar.cancelEvent(input)).resolves.toEqual({ outcome: "cancelled" });
      expect(bed.emulator.state.listEvents("primary")).toEqual([]);
      expect(bed.emulator.state.listEvents("primary", { includeCancelled: true })[0]?.status).toBe("cancelled");
      await expect(calendar.cancelEvent(input)).resolves.toEqual({ outcome: "already_gone" });
      await expect(calendar.cancelEvent({ ...input, eventId: eventIdFor(randomUUID()) })).resolves.toEqual({
        outcome: "already_gone",
      });
    });

    it("frees the time in freeBusy", async () => {
      const input = booking();
      await calendar.insertEvent(input);
      await calendar.cancelEvent(input);
      await expect(calendar.queryFreeBusy({ accessToken, calendarId: "primary", ...day, timeZone: "UTC" })).resolves.toEqual([]);
    });
  });

  describe("failures", () => {
    it.each([
      ["freeBusy", 429, "rate_limited"],
      ["freeBusy", 500, "unavailable"],
      ["events.insert", 429, "rate_limited"],
      ["events.insert", 503, "unavailable"],
      // DELETE is in gaxios' default retry list: one request here proves retries are off.
      ["events.delete", 500, "unavailable"],
      ["events.delete", 429, "rate_limited"],
    ] as const)("maps %s answering %i to %s after exactly one request", async (endpoint, status, kind) => {
      const input = booking();
      if (endpoint === "events.delete") await calendar.insertEvent(input);
      bed.emulator.fail(endpoint, { status });
      const call =
        endpoint === "freeBusy"
          ? calendar.queryFreeBusy({ accessToken, calendarId: "primary", ...day, timeZone: "UTC" })
          : endpoint === "events.insert"
            ? calendar.insertEvent(input)
            : calendar.cancelEvent(input);
      const error = await expectGoogleError(call, kind);
      expect(error.status).toBe(status);
      expect(error.retryable).toBe(true);
      expect(bed.emulator.state.requestCount(endpoint)).toBe(1);
    });

    it("gives up at the configured timeout when Google is slow, after exactly one request", async () => {
      const impatient = createGoogleCalendar(
        createGoogleConfig({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, endpoints: bed.emulator.urls, requestTimeoutMs: 300 }),
      );
      bed.emulator.fail("events.insert", { delayMs: 5_000 });
      const started = Date.now();
      const error = await expectGoogleError(impatient.insertEvent(booking()), "unavailable");
      const elapsed = Date.now() - started;
      expect(error.message).toMatch(/timed out/);
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(bed.emulator.state.requestCount("events.insert")).toBe(1);
    });

    it("keeps failing until cleared when told to fail every time", async () => {
      bed.emulator.fail("freeBusy", { status: 500, times: Infinity });
      const query = () => calendar.queryFreeBusy({ accessToken, calendarId: "primary", ...day, timeZone: "UTC" });
      await expectGoogleError(query(), "unavailable");
      await expectGoogleError(query(), "unavailable");
      bed.emulator.clearFailures("freeBusy");
      await expect(query()).resolves.toEqual([]);
    });
  });
});

describe("GOOGLE_CALENDAR_API_URL with a path", () => {
  it("keeps the path prefix (e.g. a proxy) and sends the Bearer token", async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ kind: "calendar#freeBusy", calendars: { primary: { busy: [] } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const proxied = createGoogleCalendar(
        createGoogleConfig({
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          endpoints: { calendarApi: `http://127.0.0.1:${port}/google` },
        }),
      );
      await proxied.queryFreeBusy({ accessToken: "ya29.token", calendarId: "primary", ...day, timeZone: "UTC" });
      expect(seen).toEqual(["POST /google/calendar/v3/freeBusy Bearer ya29.token"]);
    } finally {
      server.close();
    }
  });
});
