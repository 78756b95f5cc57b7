import { type Actor, type ServiceActor, transactionFor } from "@/server/db/access";
import { openIntervalsBetween } from "@/server/working-hours/opening-hours";
import { formatZonedIso } from "@/server/working-hours/zoned-time";
import { addMinutes, type Interval } from "./intervals";
import { type BookingContext, loadBookingContext } from "./load-booking-context";
import { type GoogleBusyStatus, queryBusyTime } from "./query-busy-time";
import { busyWindowFor, localDay, slotsStartingIn } from "./search-slots";

export interface FreeSlots {
  date: string;
  timezone: string;
  durationMinutes: number;
  slots: Interval[];
  google: GoogleBusyStatus;
  context: BookingContext;
}

/**
 * The free slots of one local date: inside working hours and exceptions, clear of Google busy
 * time and the clinic's appointments by the buffer, and at least the minimum notice from now.
 * Google is not asked on a closed day.
 */
export async function listFreeSlots(
  actor: Actor | ServiceActor,
  input: { date: string; durationMinutes?: number; now: Date },
): Promise<FreeSlots> {
  const { organisationId } = actor;
  const context = await transactionFor(actor, (tx) => loadBookingContext(tx, organisationId));
  const durationMinutes = input.durationMinutes ?? context.rules.defaultDurationMinutes;
  const day = localDay(input.date, context.hours.timezone);
  const base = { date: input.date, timezone: context.hours.timezone, durationMinutes, context };
  if (openIntervalsBetween(context.hours, day.start, addMinutes(day.end, durationMinutes)).length === 0) {
    return { ...base, slots: [], google: context.calendarId ? "ok" : "not_connected" };
  }
  const busy = await queryBusyTime(actor, busyWindowFor(day, durationMinutes, context.rules.bufferMinutes), input.now);
  const slots = slotsStartingIn(context, day, busy.intervals, {
    durationMinutes,
    earliestStart: addMinutes(input.now, context.rules.minNoticeMinutes),
  });
  return { ...base, slots, google: busy.google };
}

/** A slot in the API's shape: local ISO times with the offset in force at each. */
export function slotJson(slot: Interval, timeZone: string) {
  return { start: formatZonedIso(slot.start, timeZone), end: formatZonedIso(slot.end, timeZone) };
}
