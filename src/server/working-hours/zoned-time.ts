/**
 * Time-zone arithmetic on Intl alone, independent of the process's TZ. A "local date" is
 * "YYYY-MM-DD" and a "local time" is "HH:MM" in the clinic's IANA timezone.
 *
 * Contract for DST changes: a wall-clock time means the first instant at which the clinic's
 * clock reads that time or later. So
 * - in a fall-back overlap, a time that happens twice means its first occurrence;
 * - in a spring-forward gap, a time the clock skips means the moment of the jump (on
 *   2026-03-29 in London, 01:30 means 01:00 UTC, when clocks go from 01:00 to 02:00).
 * The mapping never goes backwards as the wall time grows, and a range that lies wholly in a
 * gap is empty.
 */
import { minutesOfDay } from "@/shared/time-of-day";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ZonedDateTime {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  dayOfWeek: number;
  /** Local time minus UTC, in minutes (London in summer: 60; New York in winter: -300). */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock fields of an instant in `timeZone`, as milliseconds of a UTC-labelled clock, read from Intl. */
function readWallClockMs(instantMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
}

/**
 * Intl's formatToParts costs some 20 µs, and a CSV export or an opening-hours walk asks it for
 * thousands of instants (an export batch of 500 rows took 10-25 ms of the event loop the phone's
 * webhooks share). So the offset is read once per 15-minute span of UTC and reused: every offset
 * in use today is a multiple of 15 minutes and changes on such a boundary. A span whose first and
 * last second disagree (an older, odd offset's change inside it) is read per instant, exactly.
 */
const SPAN_MS = 15 * MINUTE_MS;
/** Spans remembered per zone before the zone's memory starts again (a few MB at most). */
const MAX_SPANS_PER_ZONE = 50_000;
/** Per zone: span number → the offset in ms throughout it, or null when it changes within the span. */
const spanOffsets = new Map<string, Map<number, number | null>>();

function spanOffsetMs(span: number, timeZone: string): number | null {
  let spans = spanOffsets.get(timeZone);
  if (!spans) {
    spans = new Map();
    spanOffsets.set(timeZone, spans);
  }
  let offset = spans.get(span);
  if (offset === undefined) {
    const first = span * SPAN_MS;
    const last = first + SPAN_MS - 1000;
    const atFirst = readWallClockMs(first, timeZone) - first;
    offset = readWallClockMs(last, timeZone) - last === atFirst ? atFirst : null;
    if (spans.size >= MAX_SPANS_PER_ZONE) spans.clear();
    spans.set(span, offset);
  }
  return offset;
}

/** Wall-clock fields of an instant in `timeZone` (to the second), as milliseconds of a UTC-labelled clock. */
function wallClockMs(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const offset = spanOffsetMs(Math.floor(wholeSecond / SPAN_MS), timeZone);
  return offset === null ? readWallClockMs(wholeSecond, timeZone) : wholeSecond + offset;
}

function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return Math.round((wallClockMs(wholeSecond, timeZone) - wholeSecond) / MINUTE_MS);
}

/** The clinic's wall clock at `instant`. */
export function utcToZoned(instant: Date, timeZone: string): ZonedDateTime {
  const wall = new Date(wallClockMs(instant.getTime(), timeZone));
  const iso = wall.toISOString();
  return {
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
    second: wall.getUTCSeconds(),
    dayOfWeek: wall.getUTCDay(),
    offsetMinutes: Math.round((wall.getTime() - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE_MS),
  };
}

/**
 * The first instant at which the clinic's wall clock reads `date` `time` or later ("24:00" is
 * the next day's midnight). See the contract at the top of this file for DST changes.
 */
export function zonedDateTimeToUtc(date: string, time: string, timeZone: string): Date {
  const wallMs = localDateMs(date) + minutesOfDay(time) * MINUTE_MS;
  // At most one offset change falls within a day either side of any wall-clock time.
  const offsetBefore = offsetMinutesAt(wallMs - DAY_MS, timeZone);
  const offsetAfter = offsetMinutesAt(wallMs + DAY_MS, timeZone);
  const earlier = wallMs - Math.max(offsetBefore, offsetAfter) * MINUTE_MS;
  const later = wallMs - Math.min(offsetBefore, offsetAfter) * MINUTE_MS;
  const readsWall = (instantMs: number) => wallClockMs(instantMs, timeZone) === wallMs;
  if (offsetBefore === offsetAfter || readsWall(earlier)) return new Date(earlier);
  if (readsWall(later)) return new Date(later);
  return new Date(gapTransitionMs(earlier, later, offsetBefore, timeZone));
}

/**
 * In a gap, `earlier` is still on the old offset and `later` already on the new one: the
 * change lies between them. Found to the second by bisection (gaps are rare; ~12 steps).
 */
function gapTransitionMs(earlier: number, later: number, offsetBefore: number, timeZone: string): number {
  let lo = earlier;
  let hi = later;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetMinutesAt(mid, timeZone) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** "YYYY-MM-DD" of a valid calendar date, or null. */
export function parseLocalDate(date: string): { year: number; month: number; day: number } | null {
  const match = LOCAL_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

function localDateMs(date: string): number {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(parsed.year, parsed.month - 1, parsed.day);
}

export function addDays(date: string, days: number): string {
  return new Date(localDateMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date (no timezone involved). */
export function dayOfWeek(date: string): number {
  return new Date(localDateMs(date)).getUTCDay();
}

/** "2026-03-08T09:00:00-04:00": the instant written in the clinic's local time and offset. */
export function formatZonedIso(instant: Date, timeZone: string): string {
  const zoned = utcToZoned(instant, timeZone);
  const sign = zoned.offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(zoned.offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${zoned.date}T${zoned.time}:${String(zoned.second).padStart(2, "0")}${offset}`;
}
