import { z } from "zod";

/**
 * Dates and instants the API accepts: real calendar dates in years 2000 to 2100. Nothing a clinic
 * books, filters or schedules lies outside them, and every date computation downstream (a day
 * added, a time zone applied, a Postgres timestamp) is safe inside them: "9999-12-31" plus a day
 * is no longer a four-digit year, and year 0 minus an hour is year -1. Shared by the server's
 * schemas and the pages that check input as it is typed.
 */
const INPUT_YEARS = { min: 2000, max: 2100 } as const;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoInstant = z.iso.datetime({ offset: true });

function yearInRange(year: number): boolean {
  return year >= INPUT_YEARS.min && year <= INPUT_YEARS.max;
}

/** "2026-03-10": a real day (no 30 February) in the accepted years. */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return yearInRange(year) && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/** "2026-03-10T09:00:00+01:00": ISO 8601 with its offset (or Z), a real day, in the accepted years (in UTC too). */
export function isInstant(value: string): boolean {
  if (!isoInstant.safeParse(value).success || !isCalendarDate(value.slice(0, 10))) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && yearInRange(new Date(time).getUTCFullYear());
}

export const DATE_RANGE_HINT = `between ${INPUT_YEARS.min} and ${INPUT_YEARS.max}`;
