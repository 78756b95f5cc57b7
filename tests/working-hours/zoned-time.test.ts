import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek, formatZonedIso, parseLocalDate, utcToZoned, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { minutesOfDay, timeOfDay } from "@/shared/time-of-day";
import { canonicalTimeZone } from "@/shared/time-zone-name";
import { PROCESS_TIME_ZONES, useProcessTimeZone } from "./process-time-zones";

const NY = "America/New_York";
const LONDON = "Europe/London";

/** [clinic timezone, local date, local time, expected instant] on and around DST changes. */
const wallToUtc: [string, string, string, string][] = [
  // New York, spring forward 2026-03-08 02:00 EST → 03:00 EDT (07:00Z)
  [NY, "2026-03-08", "01:30", "2026-03-08T06:30:00.000Z"],
  [NY, "2026-03-08", "02:00", "2026-03-08T07:00:00.000Z"], // skipped: the moment of the jump
  [NY, "2026-03-08", "02:30", "2026-03-08T07:00:00.000Z"], // skipped: the moment of the jump
  [NY, "2026-03-08", "03:00", "2026-03-08T07:00:00.000Z"],
  [NY, "2026-03-08", "09:00", "2026-03-08T13:00:00.000Z"],
  [NY, "2026-03-08", "13:00", "2026-03-08T17:00:00.000Z"],
  [NY, "2026-03-08", "23:30", "2026-03-09T03:30:00.000Z"],
  [NY, "2026-03-07", "09:00", "2026-03-07T14:00:00.000Z"],
  // New York, fall back 2026-11-01 02:00 EDT → 01:00 EST (06:00Z)
  [NY, "2026-11-01", "00:30", "2026-11-01T04:30:00.000Z"],
  [NY, "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z"], // happens twice: the first
  [NY, "2026-11-01", "02:00", "2026-11-01T07:00:00.000Z"],
  [NY, "2026-11-01", "09:00", "2026-11-01T14:00:00.000Z"],
  [NY, "2026-11-01", "13:00", "2026-11-01T18:00:00.000Z"],
  [NY, "2026-11-01", "23:30", "2026-11-02T04:30:00.000Z"],
  [NY, "2026-11-01", "24:00", "2026-11-02T05:00:00.000Z"],
  // London, spring forward 2026-03-29 01:00 GMT → 02:00 BST (01:00Z)
  [LONDON, "2026-03-29", "00:30", "2026-03-29T00:30:00.000Z"],
  [LONDON, "2026-03-29", "01:30", "2026-03-29T01:00:00.000Z"], // skipped: the moment of the jump
  [LONDON, "2026-03-29", "02:00", "2026-03-29T01:00:00.000Z"],
  [LONDON, "2026-03-29", "09:00", "2026-03-29T08:00:00.000Z"],
  [LONDON, "2026-03-29", "13:00", "2026-03-29T12:00:00.000Z"],
  [LONDON, "2026-03-29", "23:30", "2026-03-29T22:30:00.000Z"],
  // London, fall back 2026-10-25 02:00 BST → 01:00 GMT (01:00Z)
  [LONDON, "2026-10-25", "01:30", "2026-10-25T00:30:00.000Z"], // happens twice: the first
  [LONDON, "2026-10-25", "09:00", "2026-10-25T09:00:00.000Z"],
  [LONDON, "2026-10-25", "13:00", "2026-10-25T13:00:00.000Z"],
  [LONDON, "2026-10-25", "23:30", "2026-10-25T23:30:00.000Z"],
  [LONDON, "2026-10-24", "23:30", "2026-10-24T22:30:00.000Z"],
  // Half-hour DST (Lord Howe: +10:30 ↔ +11) and a date-line zone
  ["Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:30:00.000Z"],
  ["Pacific/Kiritimati", "2026-01-01", "09:00", "2025-12-31T19:00:00.000Z"],
];

/** [instant, clinic timezone, local date, local time, weekday, offset minutes] */
const utcToWall: [string, string, string, string, number, number][] = [
  ["2026-03-08T06:59:00Z", NY, "2026-03-08", "01:59", 0, -300],
  ["2026-03-08T07:00:00Z", NY, "2026-03-08", "03:00", 0, -240],
  ["2026-11-01T05:30:00Z", NY, "2026-11-01", "01:30", 0, -240],
  ["2026-11-01T06:30:00Z", NY, "2026-11-01", "01:30", 0, -300],
  ["2026-11-02T04:59:00Z", NY, "2026-11-01", "23:59", 0, -300],
  ["2026-03-29T00:59:00Z", LONDON, "2026-03-29", "00:59", 0, 0],
  ["2026-03-29T01:00:00Z", LONDON, "2026-03-29", "02:00", 0, 60],
  ["2026-10-25T00:30:00Z", LONDON, "2026-10-25", "01:30", 0, 60],
  ["2026-10-25T01:30:00Z", LONDON, "2026-10-25", "01:30", 0, 0],
  ["2026-10-24T23:30:00Z", LONDON, "2026-10-25", "00:30", 0, 60],
];

describe.each(PROCESS_TIME_ZONES)("zoned time with the process in $tz", ({ tz, januaryOffset }) => {
  useProcessTimeZone(tz, januaryOffset);

  it.each(wallToUtc)("%s %s %s is %s", (zone, date, time, expected) => {
    expect(zonedDateTimeToUtc(date, time, zone).toISOString()).toBe(expected);
  });

  it.each(utcToWall)("%s in %s reads %s %s", (instant, zone, date, time, weekday, offset) => {
    expect(utcToZoned(new Date(instant), zone)).toEqual({ date, time, second: 0, dayOfWeek: weekday, offsetMinutes: offset });
  });

  it("round-trips every half hour through both 2026 changes in New York and London", () => {
    for (const [zone, from] of [
      [NY, "2026-03-07T00:00:00Z"],
      [NY, "2026-10-31T00:00:00Z"],
      [LONDON, "2026-03-28T00:00:00Z"],
      [LONDON, "2026-10-24T00:00:00Z"],
    ] as const) {
      for (let step = 0; step < 4 * 48; step++) {
        const instant = new Date(Date.parse(from) + step * 30 * 60_000);
        const wall = utcToZoned(instant, zone);
        const back = zonedDateTimeToUtc(wall.date, wall.time, zone);
        // The second pass through an overlap maps back to the first: one hour earlier.
        const difference = instant.getTime() - back.getTime();
        expect([0, 60 * 60_000]).toContain(difference);
        if (difference !== 0) expect(utcToZoned(back, zone).time).toBe(wall.time);
      }
    }
  });

  it("writes an instant in the clinic's local time with its offset", () => {
    expect(formatZonedIso(new Date("2026-03-08T13:00:00Z"), NY)).toBe("2026-03-08T09:00:00-04:00");
    expect(formatZonedIso(new Date("2026-01-10T09:15:30Z"), LONDON)).toBe("2026-01-10T09:15:30+00:00");
    expect(formatZonedIso(new Date("2026-07-01T00:00:00Z"), "Australia/Lord_Howe")).toBe("2026-07-01T10:30:00+10:30");
    expect(formatZonedIso(new Date("2026-10-03T15:30:00Z"), "Australia/Lord_Howe")).toBe("2026-10-04T02:30:00+11:00");
  });
});

describe("calendar dates and times of day", () => {
  it("validates dates", () => {
    expect(parseLocalDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseLocalDate("2026-02-29")).toBeNull();
    expect(parseLocalDate("2026-13-01")).toBeNull();
    expect(parseLocalDate("26-01-01")).toBeNull();
  });

  it("adds days across month, year and DST boundaries and knows the weekday", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(dayOfWeek("2026-03-08")).toBe(0);
    expect(dayOfWeek("2026-12-25")).toBe(5);
  });

  it("reads and writes times of day, with 24:00 as midnight at the end of the day", () => {
    expect(minutesOfDay("09:30")).toBe(570);
    expect(minutesOfDay("24:00:00")).toBe(1440);
    expect(timeOfDay(1440)).toBe("24:00");
    expect(() => minutesOfDay("24:30")).toThrow(RangeError);
    expect(() => minutesOfDay("9:00")).toThrow(RangeError);
  });

  it("accepts IANA timezones only, in their canonical spelling", () => {
    expect(canonicalTimeZone("europe/london")).toBe("Europe/London");
    expect(canonicalTimeZone("America/New_York")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("+01:00")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });
});
