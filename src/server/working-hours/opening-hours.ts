/**
 * When a clinic is open, from its weekly hours and dated exceptions in its own timezone. Pure
 * functions (no database, no process TZ): the status endpoint, the call pipeline ("is the
 * clinic open now and what are its hours") and calendar slots share them.
 */
import type { TimeRange } from "@/server/db/schema";
import { minutesOfDay } from "@/shared/time-of-day";
import { addDays, dayOfWeek, formatZonedIso, utcToZoned, zonedDateTimeToUtc } from "./zoned-time";

export type { TimeRange };

interface DayHours {
  /** 0 = Sunday … 6 = Saturday */
  day_of_week: number;
  ranges: TimeRange[];
}

/** A holiday (`closed`) or special hours replacing the weekday's hours on one local date. */
interface HoursException {
  date: string;
  closed: boolean;
  ranges: TimeRange[];
  label?: string | null;
}

export interface OpeningHours {
  /** IANA timezone the ranges are read in. */
  timezone: string;
  days: DayHours[];
  exceptions: HoursException[];
}

/** A span of open time: `start` inclusive, `end` exclusive. */
export interface OpenInterval {
  start: Date;
  end: Date;
}

export interface OpeningStatus {
  open: boolean;
  /** The next time the clinic opens (after the current period when open), in local ISO with offset. */
  opens_at_next: string | null;
  /** When open: when the current period ends. Null when closed, or open beyond the horizon. */
  closes_at: string | null;
  timezone: string;
  /** The clinic's wall clock at the instant asked about, in local ISO with offset. */
  local_time: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead the next opening is looked for. */
const STATUS_HORIZON_DAYS = 366;

/** The ranges that apply on a local date: the exception's if there is one, else the weekday's. */
export function rangesOn(hours: OpeningHours, date: string): TimeRange[] {
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) return exception.closed ? [] : exception.ranges;
  const weekday = dayOfWeek(date);
  return hours.days.filter((d) => d.day_of_week === weekday).flatMap((d) => d.ranges);
}

function intervalsOnDate(hours: OpeningHours, date: string): OpenInterval[] {
  return rangesOn(hours, date)
    .map((range) => ({
      start: zonedDateTimeToUtc(date, range.opens_at, hours.timezone),
      end: zonedDateTimeToUtc(date, range.closes_at, hours.timezone),
    }))
    .filter((interval) => interval.end > interval.start); // a range inside a DST gap is empty
}

/**
 * After its last exception a clinic's hours repeat every week, so this many days of them show
 * everything to come: no opening at all (an empty week, with a day to spare for a range that a
 * DST gap empties), or an open interval that never ends (a gapless week).
 */
const PERIODIC_PROOF_DAYS = 15;

/**
 * Merged open intervals, in order, that end after `from` and start before `until` (not clipped).
 * Touching intervals (a range to 24:00 and the next day's from 00:00) are one.
 * Walks day by day, but stops once the weekly hours alone apply and two weeks of them showed
 * that nothing more opens or that the current interval never closes: a clinic without hours, or
 * open around the clock, then costs 16 days of the walk instead of a year's (the webhook asks on
 * every call).
 */
function* mergedIntervals(hours: OpeningHours, from: Date, until: Date): Generator<OpenInterval> {
  let pending: OpenInterval | null = null;
  // The day before covers ranges that started yesterday, local time, and are still running.
  let date = addDays(utcToZoned(from, hours.timezone).date, -1);
  const lastDate = addDays(utcToZoned(until, hours.timezone).date, 1);
  const lastException = [date, ...hours.exceptions.map((e) => e.date)].sort().at(-1)!; // ISO dates sort as dates
  const periodicFrom = addDays(lastException, 1);
  const provenAt = addDays(periodicFrom, PERIODIC_PROOF_DAYS);
  let openedSincePeriodic = false;
  for (; date <= lastDate; date = addDays(date, 1)) {
    if (date === provenAt) {
      if (!openedSincePeriodic) break; // an empty week: nothing opens again
      const weekBefore = zonedDateTimeToUtc(addDays(date, -8), "00:00", hours.timezone);
      if (pending && pending.start <= weekBefore && pending.end >= zonedDateTimeToUtc(date, "00:00", hours.timezone)) {
        pending = { start: pending.start, end: until }; // open a whole week without a gap: it never closes
        break;
      }
    }
    const day = intervalsOnDate(hours, date).sort((a, b) => a.start.getTime() - b.start.getTime());
    if (day.length > 0 && date >= periodicFrom) openedSincePeriodic = true;
    for (const interval of day) {
      if (interval.start >= until) break;
      if (pending && interval.start <= pending.end) {
        if (interval.end > pending.end) pending = { start: pending.start, end: interval.end };
        continue;
      }
      if (pending && pending.end > from) yield pending;
      pending = interval;
    }
  }
  if (pending && pending.end > from && pending.start < until) yield pending;
}

/** The clinic's open time between two instants, as UTC intervals clipped to [from, to). */
export function openIntervalsBetween(hours: OpeningHours, from: Date, to: Date): OpenInterval[] {
  if (to <= from) return [];
  return Array.from(mergedIntervals(hours, from, to), (interval) => ({
    start: interval.start < from ? from : interval.start,
    end: interval.end > to ? to : interval.end,
  }));
}

/** Whether the clinic is open at `at`, when it closes, and when it next opens. */
export function openingStatus(hours: OpeningHours, at: Date): OpeningStatus {
  const horizon = new Date(at.getTime() + STATUS_HORIZON_DAYS * DAY_MS);
  let current: OpenInterval | null = null;
  let next: OpenInterval | null = null;
  for (const interval of mergedIntervals(hours, at, horizon)) {
    if (interval.start <= at) {
      current = interval;
      continue;
    }
    next = interval;
    break;
  }
  const local = (instant: Date) => formatZonedIso(instant, hours.timezone);
  return {
    open: current !== null,
    opens_at_next: next ? local(next.start) : null,
    closes_at: current && current.end < horizon ? local(current.end) : null,
    timezone: hours.timezone,
    local_time: local(at),
  };
}

/** True if no two ranges overlap (touching is fine) and each opens before it closes. */
export function rangesAreValid(ranges: TimeRange[]): boolean {
  const spans = ranges.map((r) => [minutesOfDay(r.opens_at), minutesOfDay(r.closes_at)] as const);
  if (spans.some(([opens, closes]) => opens >= closes)) return false;
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  return sorted.every((span, i) => i === 0 || span[0] >= sorted[i - 1]![1]);
}
