import { and, eq, gt, lt, ne } from "drizzle-orm";
import { GoogleError } from "@/providers/google/errors";
import { type Actor, type ServiceActor, transactionFor } from "@/server/db/access";
import { appointments } from "@/server/db/schema";
import { log } from "@/server/log";
import { withCalendarAccess } from "./calendar-access";
import { CalendarNotConnectedError } from "./calendar-not-connected";
import { type Interval, mergeIntervals } from "./intervals";

/** Whether Google's busy time is included: it answered, it failed (ours only), or there is no calendar. */
export type GoogleBusyStatus = "ok" | "unavailable" | "not_connected";

export interface BusyTime {
  /** Merged, sorted, not clipped to the range. */
  intervals: Interval[];
  google: GoogleBusyStatus;
}

/**
 * Busy time in [from, to): Google's freeBusy for the clinic's calendar merged with the clinic's
 * own live appointments (which cover bookings Google has not seen yet). When Google fails, the
 * answer still stands on our appointments and says so: the database constraint is what keeps
 * two bookings apart, Google's busy time only adds the clinic's other events.
 */
export async function queryBusyTime(
  actor: Actor | ServiceActor,
  range: Interval,
  now: Date,
  options: { skipGoogle?: boolean; exclude?: { appointmentId: string; slot: Interval } } = {},
): Promise<BusyTime> {
  const { organisationId } = actor;
  const ours = await transactionFor(actor, (tx) =>
    tx
      .select({ start: appointments.startAt, end: appointments.endAt })
      .from(appointments)
      .where(
        and(
          eq(appointments.organisationId, organisationId),
          ne(appointments.status, "cancelled"),
          lt(appointments.startAt, range.end),
          gt(appointments.endAt, range.start),
          options.exclude ? ne(appointments.id, options.exclude.appointmentId) : undefined,
        ),
      ),
  );
  if (options.skipGoogle) return { intervals: mergeIntervals(ours), google: "unavailable" };
  const google = await googleBusy(organisationId, range, now);
  // A moved appointment's own Google event is busy time at its old slot: not in the way of itself.
  const googleBusyTime = options.exclude ? subtract(google.busy ?? [], options.exclude.slot) : (google.busy ?? []);
  return { intervals: mergeIntervals([...ours, ...googleBusyTime]), google: google.status };
}

function subtract(intervals: Interval[], cut: Interval): Interval[] {
  return intervals.flatMap((interval) => {
    if (interval.end <= cut.start || interval.start >= cut.end) return [interval];
    const parts: Interval[] = [];
    if (interval.start < cut.start) parts.push({ start: interval.start, end: cut.start });
    if (interval.end > cut.end) parts.push({ start: cut.end, end: interval.end });
    return parts;
  });
}

async function googleBusy(organisationId: string, range: Interval, now: Date): Promise<{ busy?: Interval[]; status: GoogleBusyStatus }> {
  try {
    const busy = await withCalendarAccess(organisationId, now, (access, calendar) =>
      calendar.queryFreeBusy({
        accessToken: access.accessToken,
        calendarId: access.calendarId,
        timeMin: range.start,
        timeMax: range.end,
        timeZone: access.timezone,
      }),
    );
    return { busy, status: "ok" };
  } catch (error) {
    if (error instanceof CalendarNotConnectedError) return { status: "not_connected" };
    if (error instanceof GoogleError) {
      log.warn({ organisationId, kind: error.kind, reason: error.reason }, "calendar: freeBusy failed; using our appointments only");
      return { status: "unavailable" };
    }
    throw error;
  }
}
