import type { Actor, ServiceActor } from "@/server/db/access";
import { nearestSlots } from "./find-free-slots";
import { addMinutes, type Interval } from "./intervals";
import type { BookingContext } from "./load-booking-context";
import { queryBusyTime } from "./query-busy-time";
import { busyWindowFor, slotsStartingIn } from "./search-slots";

/** How far either side of the asked time alternatives are looked for. */
const LOOK_BEHIND_MINUTES = 12 * 60;
const LOOK_AHEAD_MINUTES = 7 * 24 * 60;

/**
 * The free slots nearest to a time that could not be booked (earlier the same day or later in
 * the week), for "that time was just taken; how about ...". One busy-time query for the window.
 */
export async function findNearestSlots(
  actor: Actor | ServiceActor,
  context: BookingContext,
  input: {
    around: Date;
    durationMinutes: number;
    earliestStart: Date;
    now: Date;
    count?: number;
    skipGoogle?: boolean;
    /** A moved appointment: its own slot is not busy for itself. */
    exclude?: { appointmentId: string; slot: Interval };
  },
): Promise<Interval[]> {
  const from = new Date(Math.max(addMinutes(input.around, -LOOK_BEHIND_MINUTES).getTime(), input.earliestStart.getTime()));
  const starts = { start: from, end: addMinutes(input.around, LOOK_AHEAD_MINUTES) };
  if (starts.end <= starts.start) return [];
  const busy = await queryBusyTime(actor, busyWindowFor(starts, input.durationMinutes, context.rules.bufferMinutes), input.now, {
    skipGoogle: input.skipGoogle,
    exclude: input.exclude,
  });
  const slots = slotsStartingIn(context, starts, busy.intervals, {
    durationMinutes: input.durationMinutes,
    earliestStart: input.earliestStart,
  });
  return nearestSlots(slots, input.around, input.count ?? 3);
}
