import { describe, expect, it } from "vitest";
import { type OpeningHours, openIntervalsBetween, openingStatus, rangesAreValid, rangesOn } from "@/server/working-hours/opening-hours";
import { PROCESS_TIME_ZONES, useProcessTimeZone } from "./process-time-zones";

/** Every day 01:30–09:00 and 13:00–23:30: the four hours, on each DST Sunday. */
function everyDay(timezone: string, overrides: Partial<OpeningHours> = {}): OpeningHours {
  return {
    timezone,
    days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
      day_of_week: day,
      ranges: [
        { opens_at: "01:30", closes_at: "09:00" },
        { opens_at: "13:00", closes_at: "23:30" },
      ],
    })),
    exceptions: [],
    ...overrides,
  };
}

const status = (hours: OpeningHours, at: string) => {
  const { open, opens_at_next, closes_at, local_time } = openingStatus(hours, new Date(at));
  return { open, opens_at_next, closes_at, local_time };
};

/** [clinic timezone, instant, open, opens_at_next, closes_at, local_time] */
const dstCases: [string, string, boolean, string | null, string | null, string][] = [
  // New York 2026-03-08: clocks jump 02:00 → 03:00. 01:30–09:00 lasts 6½ hours.
  ["America/New_York", "2026-03-08T06:29:00Z", false, "2026-03-08T01:30:00-05:00", null, "2026-03-08T01:29:00-05:00"],
  ["America/New_York", "2026-03-08T06:30:00Z", true, "2026-03-08T13:00:00-04:00", "2026-03-08T09:00:00-04:00", "2026-03-08T01:30:00-05:00"],
  ["America/New_York", "2026-03-08T07:15:00Z", true, "2026-03-08T13:00:00-04:00", "2026-03-08T09:00:00-04:00", "2026-03-08T03:15:00-04:00"],
  ["America/New_York", "2026-03-08T13:00:00Z", false, "2026-03-08T13:00:00-04:00", null, "2026-03-08T09:00:00-04:00"],
  ["America/New_York", "2026-03-08T17:00:00Z", true, "2026-03-09T01:30:00-04:00", "2026-03-08T23:30:00-04:00", "2026-03-08T13:00:00-04:00"],
  ["America/New_York", "2026-03-09T03:29:00Z", true, "2026-03-09T01:30:00-04:00", "2026-03-08T23:30:00-04:00", "2026-03-08T23:29:00-04:00"],
  ["America/New_York", "2026-03-09T03:30:00Z", false, "2026-03-09T01:30:00-04:00", null, "2026-03-08T23:30:00-04:00"],
  // New York 2026-11-01: 01:00–02:00 happens twice. Open from the first 01:30 to 09:00 EST.
  ["America/New_York", "2026-11-01T05:15:00Z", false, "2026-11-01T01:30:00-04:00", null, "2026-11-01T01:15:00-04:00"],
  ["America/New_York", "2026-11-01T05:30:00Z", true, "2026-11-01T13:00:00-05:00", "2026-11-01T09:00:00-05:00", "2026-11-01T01:30:00-04:00"],
  ["America/New_York", "2026-11-01T06:15:00Z", true, "2026-11-01T13:00:00-05:00", "2026-11-01T09:00:00-05:00", "2026-11-01T01:15:00-05:00"],
  ["America/New_York", "2026-11-01T14:00:00Z", false, "2026-11-01T13:00:00-05:00", null, "2026-11-01T09:00:00-05:00"],
  ["America/New_York", "2026-11-02T04:29:00Z", true, "2026-11-02T01:30:00-05:00", "2026-11-01T23:30:00-05:00", "2026-11-01T23:29:00-05:00"],
  // London 2026-03-29: clocks jump 01:00 → 02:00, so 01:30 never happens: open from the jump.
  ["Europe/London", "2026-03-29T00:59:00Z", false, "2026-03-29T02:00:00+01:00", null, "2026-03-29T00:59:00+00:00"],
  ["Europe/London", "2026-03-29T01:00:00Z", true, "2026-03-29T13:00:00+01:00", "2026-03-29T09:00:00+01:00", "2026-03-29T02:00:00+01:00"],
  ["Europe/London", "2026-03-29T08:00:00Z", false, "2026-03-29T13:00:00+01:00", null, "2026-03-29T09:00:00+01:00"],
  ["Europe/London", "2026-03-29T22:29:00Z", true, "2026-03-30T01:30:00+01:00", "2026-03-29T23:30:00+01:00", "2026-03-29T23:29:00+01:00"],
  // London 2026-10-25: 01:00–02:00 happens twice.
  ["Europe/London", "2026-10-25T00:29:00Z", false, "2026-10-25T01:30:00+01:00", null, "2026-10-25T01:29:00+01:00"],
  ["Europe/London", "2026-10-25T01:10:00Z", true, "2026-10-25T13:00:00+00:00", "2026-10-25T09:00:00+00:00", "2026-10-25T01:10:00+00:00"],
  ["Europe/London", "2026-10-25T09:00:00Z", false, "2026-10-25T13:00:00+00:00", null, "2026-10-25T09:00:00+00:00"],
  ["Europe/London", "2026-10-25T23:30:00Z", false, "2026-10-26T01:30:00+00:00", null, "2026-10-25T23:30:00+00:00"],
];

describe.each(PROCESS_TIME_ZONES)("opening hours with the process in $tz", ({ tz, januaryOffset }) => {
  useProcessTimeZone(tz, januaryOffset);

  it.each(dstCases)("%s at %s: open=%s", (zone, at, open, opensAtNext, closesAt, localTime) => {
    expect(status(everyDay(zone), at)).toEqual({ open, opens_at_next: opensAtNext, closes_at: closesAt, local_time: localTime });
  });

  it("counts real hours on DST Sundays: an hour less in spring (half in London, whose gap starts before 01:30), one more in autumn", () => {
    const open = (zone: string, from: string, to: string) =>
      openIntervalsBetween(everyDay(zone), new Date(from), new Date(to)).reduce(
        (sum, i) => sum + (i.end.getTime() - i.start.getTime()) / 3_600_000,
        0,
      );
    // A normal day: 7½ + 10½ = 18 hours. In London's spring gap only 01:30–02:00 was open time.
    expect(open("America/New_York", "2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z")).toBe(18);
    expect(open("America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")).toBe(17);
    expect(open("America/New_York", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")).toBe(19);
    expect(open("Europe/London", "2026-03-29T00:00:00Z", "2026-03-29T23:00:00Z")).toBe(17.5);
    expect(open("Europe/London", "2026-10-24T23:00:00Z", "2026-10-26T00:00:00Z")).toBe(19);
  });
});

describe("openIntervalsBetween", () => {
  it("clips to the window and merges a range to 24:00 with the next day's from 00:00", () => {
    const hours: OpeningHours = {
      timezone: "Europe/London",
      days: [
        { day_of_week: 5, ranges: [{ opens_at: "20:00", closes_at: "24:00" }] },
        {
          day_of_week: 6,
          ranges: [
            { opens_at: "00:00", closes_at: "02:00" },
            { opens_at: "10:00", closes_at: "12:00" },
          ],
        },
      ],
      exceptions: [],
    };
    const intervals = openIntervalsBetween(hours, new Date("2026-01-09T21:00:00Z"), new Date("2026-01-10T11:00:00Z"));
    expect(intervals.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ["2026-01-09T21:00:00.000Z", "2026-01-10T02:00:00.000Z"],
      ["2026-01-10T10:00:00.000Z", "2026-01-10T11:00:00.000Z"],
    ]);
  });

  it("drops a range that lies wholly in a DST gap", () => {
    const hours: OpeningHours = {
      timezone: "America/New_York",
      days: [{ day_of_week: 0, ranges: [{ opens_at: "02:05", closes_at: "02:55" }] }],
      exceptions: [],
    };
    expect(openIntervalsBetween(hours, new Date("2026-03-08T00:00:00Z"), new Date("2026-03-09T00:00:00Z"))).toEqual([]);
    expect(openIntervalsBetween(hours, new Date("2026-03-15T00:00:00Z"), new Date("2026-03-16T00:00:00Z"))).toHaveLength(1);
  });

  it("returns nothing for an empty or reversed window", () => {
    const at = new Date("2026-01-01T10:00:00Z");
    expect(openIntervalsBetween(everyDay("UTC"), at, at)).toEqual([]);
    expect(openIntervalsBetween(everyDay("UTC"), at, new Date(at.getTime() - 1))).toEqual([]);
  });
});

describe("exceptions", () => {
  const hours = everyDay("Europe/London", {
    exceptions: [
      { date: "2026-12-25", closed: true, ranges: [], label: "Christmas Day" },
      { date: "2026-12-24", closed: false, ranges: [{ opens_at: "10:00", closes_at: "12:00" }] },
    ],
  });

  it("use a holiday's or a special day's ranges instead of the weekday's", () => {
    expect(rangesOn(hours, "2026-12-25")).toEqual([]);
    expect(rangesOn(hours, "2026-12-24")).toEqual([{ opens_at: "10:00", closes_at: "12:00" }]);
    expect(rangesOn(hours, "2026-12-23")).toHaveLength(2);
  });

  it("skip a holiday when looking for the next opening", () => {
    expect(status(hours, "2026-12-24T12:00:00Z")).toMatchObject({ open: false, opens_at_next: "2026-12-26T01:30:00+00:00" });
    expect(status(hours, "2026-12-24T11:00:00Z")).toMatchObject({
      open: true,
      closes_at: "2026-12-24T12:00:00+00:00",
      opens_at_next: "2026-12-26T01:30:00+00:00",
    });
  });
});

describe("openingStatus edge cases", () => {
  it("says closed with no next opening when the clinic has no hours at all", () => {
    expect(status({ timezone: "UTC", days: [], exceptions: [] }, "2026-06-01T12:00:00Z")).toEqual({
      open: false,
      opens_at_next: null,
      closes_at: null,
      local_time: "2026-06-01T12:00:00+00:00",
    });
  });

  it("says open with no closing time when the clinic never closes", () => {
    const always: OpeningHours = {
      timezone: "Asia/Tokyo",
      days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, ranges: [{ opens_at: "00:00", closes_at: "24:00" }] })),
      exceptions: [],
    };
    expect(status(always, "2026-06-01T12:00:00Z")).toMatchObject({ open: true, closes_at: null, opens_at_next: null });
  });

  it("finds the next opening more than a week away", () => {
    const hours: OpeningHours = {
      timezone: "UTC",
      days: [{ day_of_week: 1, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] }],
      exceptions: [
        { date: "2026-06-01", closed: true, ranges: [] },
        { date: "2026-06-08", closed: true, ranges: [] },
      ],
    };
    expect(status(hours, "2026-05-31T12:00:00Z").opens_at_next).toBe("2026-06-15T09:00:00+00:00");
  });

  // The walk stops once two weeks of the weekly hours alone have shown what comes next: these
  // cases put an exception beyond those two weeks, which the walk must still reach.
  const aroundTheClock = (timezone: string, exceptions: OpeningHours["exceptions"]): OpeningHours => ({
    timezone,
    days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, ranges: [{ opens_at: "00:00", closes_at: "24:00" }] })),
    exceptions,
  });

  it("closes an around-the-clock clinic at a holiday 40 days ahead, across a DST change", () => {
    const hours = aroundTheClock("Europe/London", [{ date: "2026-11-09", closed: true, ranges: [] }]);
    expect(status(hours, "2026-09-30T12:00:00Z")).toMatchObject({
      open: true,
      closes_at: "2026-11-09T00:00:00+00:00",
      opens_at_next: "2026-11-10T00:00:00+00:00",
    });
  });

  it("keeps an around-the-clock clinic open past the last exception when the exception only shortens a day", () => {
    const hours = aroundTheClock("America/New_York", [
      { date: "2026-07-20", closed: false, ranges: [{ opens_at: "00:00", closes_at: "24:00" }] },
    ]);
    expect(status(hours, "2026-06-01T12:00:00Z")).toMatchObject({ open: true, closes_at: null });
  });

  it("finds a special opening day 100 days ahead for a clinic with no weekly hours", () => {
    const hours: OpeningHours = {
      timezone: "Asia/Tokyo",
      days: [],
      exceptions: [{ date: "2026-09-09", closed: false, ranges: [{ opens_at: "10:00", closes_at: "12:00" }] }],
    };
    expect(status(hours, "2026-06-01T12:00:00Z")).toMatchObject({ open: false, opens_at_next: "2026-09-09T10:00:00+09:00" });
  });

  it("finds a Sunday-only clinic's next opening after a DST Sunday whose only range falls in the gap", () => {
    // London 2026-03-29 skips 01:00–02:00: that Sunday's 01:00–01:45 is empty; the next is a week later.
    const hours: OpeningHours = {
      timezone: "Europe/London",
      days: [{ day_of_week: 0, ranges: [{ opens_at: "01:00", closes_at: "01:45" }] }],
      exceptions: [],
    };
    expect(status(hours, "2026-03-28T12:00:00Z").opens_at_next).toBe("2026-04-05T01:00:00+01:00");
  });
});

describe("rangesAreValid", () => {
  it("accepts ranges that touch and refuses overlaps and backwards ranges", () => {
    expect(
      rangesAreValid([
        { opens_at: "13:00", closes_at: "17:00" },
        { opens_at: "09:00", closes_at: "13:00" },
      ]),
    ).toBe(true);
    expect(
      rangesAreValid([
        { opens_at: "09:00", closes_at: "13:30" },
        { opens_at: "13:00", closes_at: "17:00" },
      ]),
    ).toBe(false);
    expect(rangesAreValid([{ opens_at: "17:00", closes_at: "09:00" }])).toBe(false);
    expect(rangesAreValid([{ opens_at: "22:00", closes_at: "24:00" }])).toBe(true);
  });
});
