import { describe, expect, it } from "vitest";
import { findFreeSlots, nearestSlots, spreadSlots } from "@/server/calendar/find-free-slots";
import { localDay } from "@/server/calendar/search-slots";
import { type OpeningHours, openIntervalsBetween } from "@/server/working-hours/opening-hours";
import { formatZonedIso, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { PROCESS_TIME_ZONES, useProcessTimeZone } from "../working-hours/process-time-zones";

/** A clinic open on `date` only, with the given ranges, in `timezone`. */
function openOn(timezone: string, date: string, ranges: [string, string][]): OpeningHours {
  return {
    timezone,
    days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, ranges: [] })),
    exceptions: [{ date, closed: false, ranges: ranges.map(([opens_at, closes_at]) => ({ opens_at, closes_at })) }],
  };
}

const LONG_AGO = new Date("2000-01-01T00:00:00Z");

/** The slots of one local date, as local ISO starts ("2026-03-08T09:00:00-04:00"). */
function slotsOn(
  hours: OpeningHours,
  date: string,
  options: { duration?: number; buffer?: number; busy?: [string, string][]; earliest?: Date } = {},
) {
  const day = localDay(date, hours.timezone);
  const open = openIntervalsBetween(hours, day.start, day.end);
  const busy = (options.busy ?? []).map(([start, end]) => ({
    start: zonedDateTimeToUtc(date, start, hours.timezone),
    end: zonedDateTimeToUtc(date, end, hours.timezone),
  }));
  const slots = findFreeSlots(open, busy, {
    durationMinutes: options.duration ?? 30,
    bufferMinutes: options.buffer ?? 0,
    earliestStart: options.earliest ?? LONG_AGO,
  });
  return slots.map((slot) => ({ start: formatZonedIso(slot.start, hours.timezone), end: formatZonedIso(slot.end, hours.timezone) }));
}

const starts = (slots: { start: string }[]) => slots.map((slot) => slot.start);

/** The DST fixtures of the reference (section 4), checked at 01:30, 09:00, 13:00 and 23:30. */
const dstDays = [
  {
    name: "New York, spring forward (2026-03-08, 02:00 → 03:00)",
    timezone: "America/New_York",
    date: "2026-03-08",
    hours: 23,
    at0130: ["2026-03-08T01:30:00-05:00"],
    slot0130End: "2026-03-08T03:00:00-04:00",
    at0900: "2026-03-08T09:00:00-04:00",
    at1300: "2026-03-08T13:00:00-04:00",
    at2330: "2026-03-08T23:30:00-04:00",
  },
  {
    name: "New York, fall back (2026-11-01, 02:00 → 01:00)",
    timezone: "America/New_York",
    date: "2026-11-01",
    hours: 25,
    at0130: ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"],
    slot0130End: "2026-11-01T01:00:00-05:00",
    at0900: "2026-11-01T09:00:00-05:00",
    at1300: "2026-11-01T13:00:00-05:00",
    at2330: "2026-11-01T23:30:00-05:00",
  },
  {
    name: "London, spring forward (2026-03-29, 01:00 → 02:00)",
    timezone: "Europe/London",
    date: "2026-03-29",
    hours: 23,
    at0130: [],
    slot0130End: null,
    at0900: "2026-03-29T09:00:00+01:00",
    at1300: "2026-03-29T13:00:00+01:00",
    at2330: "2026-03-29T23:30:00+01:00",
  },
  {
    name: "London, fall back (2026-10-25, 02:00 → 01:00)",
    timezone: "Europe/London",
    date: "2026-10-25",
    hours: 25,
    at0130: ["2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00+00:00"],
    slot0130End: "2026-10-25T01:00:00+00:00",
    at0900: "2026-10-25T09:00:00+00:00",
    at1300: "2026-10-25T13:00:00+00:00",
    at2330: "2026-10-25T23:30:00+00:00",
  },
];

for (const { tz, januaryOffset } of PROCESS_TIME_ZONES) {
  describe(`slots across DST changes (process TZ=${tz})`, () => {
    useProcessTimeZone(tz, januaryOffset);

    for (const day of dstDays) {
      describe(day.name, () => {
        const allDay = openOn(day.timezone, day.date, [["00:00", "24:00"]]);

        it(`offers every quarter hour of the ${day.hours}-hour day that a 30-minute slot fits in`, () => {
          const slots = slotsOn(allDay, day.date);
          expect(slots).toHaveLength((day.hours * 60 - 30) / 15 + 1);
          for (let i = 1; i < slots.length; i++) {
            expect(Date.parse(slots[i]!.start) - Date.parse(slots[i - 1]!.start)).toBe(15 * 60_000);
          }
          for (const slot of slots) expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(30 * 60_000);
        });

        it("has 01:30 as many times as the clock shows it, and 09:00, 13:00 and 23:30 once each", () => {
          const slots = slotsOn(allDay, day.date);
          const local = (time: string) => slots.filter((slot) => slot.start.slice(11, 16) === time);
          expect(starts(local("01:30"))).toEqual(day.at0130);
          if (day.slot0130End) expect(local("01:30")[0]!.end).toBe(day.slot0130End);
          expect(starts(local("09:00"))).toEqual([day.at0900]);
          expect(starts(local("13:00"))).toEqual([day.at1300]);
          expect(starts(local("23:30"))).toEqual([day.at2330]);
        });

        it("starts an afternoon schedule at 13:00 local, not an hour off (cal.com #30021)", () => {
          const slots = slotsOn(openOn(day.timezone, day.date, [["13:00", "18:00"]]), day.date, { duration: 60 });
          expect(slots[0]!.start).toBe(day.at1300);
          expect(slots.at(-1)!.end.slice(11, 16)).toBe("18:00");
          expect(slots).toHaveLength(17);
        });

        it("keeps the buffer around busy time in local time", () => {
          const hours = openOn(day.timezone, day.date, [["09:00", "17:00"]]);
          const slots = starts(slotsOn(hours, day.date, { busy: [["12:00", "13:00"]], buffer: 15 }));
          const times = slots.map((start) => start.slice(11, 16));
          expect(times).toContain("11:15");
          expect(times).not.toContain("11:30");
          expect(times).not.toContain("13:00");
          expect(times).toContain("13:15");
          expect(slots[0]).toBe(day.at0900);
        });
      });
    }
  });
}

describe("findFreeSlots rules", () => {
  const hours = openOn("Europe/London", "2027-06-01", [
    ["09:00", "12:00"],
    ["13:00", "17:00"],
  ]);

  it("fits slots inside each open range, never across the lunch break", () => {
    const times = starts(slotsOn(hours, "2027-06-01", { duration: 60 })).map((s) => s.slice(11, 16));
    expect(times).toContain("11:00");
    expect(times).not.toContain("11:15");
    expect(times).not.toContain("12:30");
    expect(times).toContain("13:00");
    expect(times.at(-1)).toBe("16:00");
  });

  it("treats touching ranges as one stretch of open time", () => {
    const touching = openOn("Europe/London", "2027-06-01", [
      ["09:00", "12:00"],
      ["12:00", "17:00"],
    ]);
    expect(starts(slotsOn(touching, "2027-06-01", { duration: 60 })).map((s) => s.slice(11, 16))).toContain("11:30");
  });

  it("starts no slot before the earliest start, rounded up to the grid", () => {
    const earliest = new Date("2027-06-01T09:07:00Z"); // 10:07 BST
    const first = slotsOn(hours, "2027-06-01", { earliest })[0]!;
    expect(first.start).toBe("2027-06-01T10:15:00+01:00");
  });

  it("skips busy time that overlaps several slots and resumes on the grid after it", () => {
    const times = starts(
      slotsOn(hours, "2027-06-01", {
        busy: [
          ["09:10", "10:05"],
          ["10:20", "10:40"],
        ],
      }),
    ).map((s) => s.slice(11, 16));
    expect(times.slice(0, 3)).toEqual(["10:45", "11:00", "11:15"]);
  });

  it("offers nothing on a closed day", () => {
    expect(slotsOn(hours, "2027-06-02")).toEqual([]);
  });

  it("nearestSlots picks those closest to a time and returns them in order", () => {
    const slots = [9, 10, 11, 14, 15].map((h) => ({
      start: new Date(Date.UTC(2027, 5, 1, h)),
      end: new Date(Date.UTC(2027, 5, 1, h, 30)),
    }));
    const picked = nearestSlots(slots, new Date(Date.UTC(2027, 5, 1, 13, 30)), 3);
    expect(picked.map((s) => s.start.getUTCHours())).toEqual([11, 14, 15]);
  });

  it("spreadSlots keeps the first and the last and spaces the rest", () => {
    const slots = Array.from({ length: 9 }, (_, i) => ({ start: new Date(i * 1000), end: new Date(i * 1000 + 1) }));
    expect(spreadSlots(slots, 5).map((s) => s.start.getTime() / 1000)).toEqual([0, 2, 4, 6, 8]);
    expect(spreadSlots(slots.slice(0, 3), 5)).toHaveLength(3);
  });
});
