import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utcToZoned } from "@/server/working-hours/zoned-time";

// utcToZoned reads each zone's offset once per 15-minute span of UTC and reuses it
// (zoned-time.ts). Here every answer is checked against Intl read for that very instant: around
// each offset change in zones with odd offsets and odd changes, and at random instants from 1900
// (local mean times, changes at any second) to 2100.
// Each zone with years in which its offset changed.
const CHANGES: [zone: string, fromYear: number, toYear: number][] = [
  ["Europe/London", 2025, 2027],
  ["America/New_York", 2025, 2027],
  ["Australia/Lord_Howe", 2025, 2027], // a 30-minute change
  ["Pacific/Chatham", 2025, 2027], // +12:45 / +13:45
  ["America/St_Johns", 2025, 2027], // -03:30 / -02:30
  ["Africa/Casablanca", 2025, 2027], // its offset changes around Ramadan each year
  ["Asia/Kathmandu", 1985, 1986], // +05:30 to +05:45
  ["Europe/Moscow", 2010, 2014], // summer time ended in 2011; +04:00 to +03:00 in 2014
];
const ZONES = CHANGES.map(([zone]) => zone);
const formats = new Map<string, Intl.DateTimeFormat>();

function intlReading(instantMs: number, timeZone: string) {
  const parts: Record<string, string> = {};
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, format);
  }
  for (const part of format.formatToParts(new Date(instantMs))) parts[part.type] = part.value;
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return {
    date: `${parts.year!.padStart(4, "0")}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    second: Number(parts.second),
    offsetMinutes: Math.round((wall - Math.floor(instantMs / 1000) * 1000) / 60_000),
  };
}

function reading(instantMs: number, timeZone: string) {
  const { date, time, second, offsetMinutes } = utcToZoned(new Date(instantMs), timeZone);
  return { date, time, second, offsetMinutes };
}

/** Instants where the zone's offset changes in the years given (found hour by hour, then to the second). */
function offsetChanges(timeZone: string, fromYear: number, toYear: number): number[] {
  const offsetAt = (ms: number) => intlReading(ms, timeZone).offsetMinutes;
  const changes: number[] = [];
  const hour = 3_600_000;
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear + 1, 0, 1); t += hour) {
    if (offsetAt(t) === offsetAt(t + hour)) continue;
    let [low, high] = [t, t + hour]; // offset(low) differs from offset(high)
    while (high - low > 1000) {
      const mid = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetAt(mid) === offsetAt(low)) low = mid;
      else high = mid;
    }
    changes.push(high);
  }
  return changes;
}

describe("utcToZoned agrees with Intl at every instant", () => {
  it.each(CHANGES)("around each offset change in %s from %i to %i", (timeZone, fromYear, toYear) => {
    const changes = offsetChanges(timeZone, fromYear, toYear);
    expect(changes.length).toBeGreaterThan(0); // each zone listed changed its offset in those years
    for (const change of changes) {
      for (const delta of [-900_000, -60_000, -1000, -1, 0, 1, 999, 1000, 60_000, 900_000]) {
        expect(reading(change + delta, timeZone), `${timeZone} at ${new Date(change + delta).toISOString()}`).toEqual(
          intlReading(change + delta, timeZone),
        );
      }
    }
  });

  it("at random instants from 1900 to 2100", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES, "UTC", "Asia/Kolkata", "Europe/Amsterdam"),
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (timeZone, ms) => {
          expect(reading(ms, timeZone)).toEqual(intlReading(ms, timeZone));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
