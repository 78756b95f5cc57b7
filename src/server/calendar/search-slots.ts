import { openIntervalsBetween } from "@/server/working-hours/opening-hours";
import { addDays, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { findFreeSlots } from "./find-free-slots";
import { addMinutes, type Interval } from "./intervals";
import type { BookingContext } from "./load-booking-context";

/** Local midnight to the next local midnight of `date` in `timeZone` (23 or 25 hours on DST days). */
export function localDay(date: string, timeZone: string): Interval {
  return { start: zonedDateTimeToUtc(date, "00:00", timeZone), end: zonedDateTimeToUtc(addDays(date, 1), "00:00", timeZone) };
}

/** The window whose busy time decides the slots starting in `starts`. */
export function busyWindowFor(starts: Interval, durationMinutes: number, bufferMinutes: number): Interval {
  return { start: addMinutes(starts.start, -bufferMinutes), end: addMinutes(starts.end, durationMinutes + bufferMinutes) };
}

/**
 * Free slots that start inside `starts`: the clinic's open time (weekly hours and dated
 * exceptions, in its zone) minus busy time and the buffer, from `earliestStart` on. A slot may
 * run past the end of `starts` (a clinic open across midnight).
 */
export function slotsStartingIn(
  context: BookingContext,
  starts: Interval,
  busy: Interval[],
  options: { durationMinutes: number; earliestStart: Date },
): Interval[] {
  const open = openIntervalsBetween(context.hours, starts.start, addMinutes(starts.end, options.durationMinutes));
  return findFreeSlots(open, busy, {
    durationMinutes: options.durationMinutes,
    bufferMinutes: context.rules.bufferMinutes,
    earliestStart: options.earliestStart,
  }).filter((slot) => slot.start < starts.end);
}
