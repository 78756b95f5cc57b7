import { and, eq, ne, sql } from "drizzle-orm";
import { type Actor, type ServiceActor, transactionFor } from "@/server/db/access";
import { pgErrorOf } from "@/server/db/postgres-error";
import { type Appointment, appointments, type ChangeSource } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { openIntervalsBetween } from "@/server/working-hours/opening-hours";
import { runChangeHooks } from "./appointment-change-hooks";
import type { UnavailableReason } from "./book-appointment";
import { CalendarNotConnectedError } from "./calendar-not-connected";
import { ChangeTooLateError } from "./change-too-late-error";
import { findNearestSlots } from "./find-nearest-slots";
import { addMinutes, type Interval, overlaps } from "./intervals";
import { type BookingContext, loadBookingContext } from "./load-booking-context";
import { syncAppointmentNow } from "./outbox/process-calendar-outbox";
import { queryBusyTime } from "./query-busy-time";

export interface RescheduleRequest {
  appointmentId: string;
  newStart: Date;
  via: ChangeSource;
  /** Callers must move at least the minimum notice ahead of both the old and the new time. */
  enforceMinimumNotice: boolean;
}

export type RescheduleResult =
  | { outcome: "moved"; appointment: Appointment; context: BookingContext }
  | { outcome: "unchanged"; appointment: Appointment; context: BookingContext }
  | { outcome: "unavailable"; reason: UnavailableReason; nearest: Interval[]; context: BookingContext };

/**
 * Moves a live appointment to a new start, keeping its length. The same checks as booking (not
 * past, minimum notice for callers, opening hours, buffer clear of Google busy time and the
 * clinic's other appointments; its own old slot does not count) and the same last word: the
 * exclusion constraint refuses an overlap made meanwhile (23P01 → "taken", with alternatives).
 * The row goes back into the calendar outbox (the Google event is patched, attempted inline),
 * records where the change came from and who made it, and its version moves on.
 */
export async function rescheduleAppointment(actor: Actor | ServiceActor, request: RescheduleRequest, now: Date): Promise<RescheduleResult> {
  const { organisationId } = actor;
  const { context, current } = await transactionFor(actor, async (tx) => {
    const [row] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, request.appointmentId)));
    return { context: await loadBookingContext(tx, organisationId), current: row };
  });
  if (!current) throw new DomainError("not_found", "That appointment does not exist in this clinic.");
  if (current.status === "cancelled") throw new DomainError("conflict", "That appointment is cancelled; book a new one instead.");
  if (!context.calendarId) throw new CalendarNotConnectedError();
  const minNotice = context.rules.minNoticeMinutes;
  if (request.enforceMinimumNotice && current.startAt < addMinutes(now, minNotice)) throw new ChangeTooLateError(minNotice);

  const durationMinutes = Math.round((current.endAt.getTime() - current.startAt.getTime()) / 60_000);
  const slot = { start: request.newStart, end: addMinutes(request.newStart, durationMinutes) };
  if (slot.start.getTime() === current.startAt.getTime()) return { outcome: "unchanged", appointment: current, context };
  const earliestStart = request.enforceMinimumNotice ? addMinutes(now, minNotice) : now;
  const exclude = { appointmentId: current.id, slot: { start: current.startAt, end: current.endAt } };
  const unavailable = async (reason: UnavailableReason, skipGoogle = false): Promise<RescheduleResult> => ({
    outcome: "unavailable",
    reason,
    context,
    nearest: await findNearestSlots(actor, context, { around: slot.start, durationMinutes, earliestStart, now, skipGoogle, exclude }),
  });

  if (slot.start < now) return unavailable("in_the_past");
  if (slot.start < earliestStart) return unavailable("too_soon");
  const open = openIntervalsBetween(context.hours, slot.start, slot.end);
  const inside = open.length === 1 && open[0]!.start.getTime() === slot.start.getTime() && open[0]!.end.getTime() === slot.end.getTime();
  if (!inside) return unavailable("outside_hours");
  const buffer = context.rules.bufferMinutes;
  const guarded = { start: addMinutes(slot.start, -buffer), end: addMinutes(slot.end, buffer) };
  const busy = await queryBusyTime(actor, guarded, now, { exclude });
  if (busy.google === "not_connected") throw new CalendarNotConnectedError();
  const googleDown = busy.google === "unavailable";
  if (busy.intervals.some((interval) => overlaps(interval, guarded))) return unavailable("taken", googleDown);

  let moved: Appointment | undefined;
  try {
    moved = await transactionFor(actor, async (tx) => {
      const [row] = await tx
        .update(appointments)
        .set({
          startAt: slot.start,
          endAt: slot.end,
          version: sql`${appointments.version} + 1`,
          syncStatus: "pending",
          syncVersion: sql`${appointments.syncVersion} + 1`,
          syncAttempts: 0,
          syncLastError: null,
          syncNextAttemptAt: now,
          changedVia: request.via,
          changedBy: "kind" in actor ? null : actor.userId,
          changedAt: now,
          updatedAt: now,
        })
        .where(
          and(
            eq(appointments.organisationId, organisationId),
            eq(appointments.id, current.id),
            ne(appointments.status, "cancelled"),
            // Moved or cancelled by someone else since it was read: their change stands.
            eq(appointments.version, current.version),
          ),
        )
        .returning();
      if (row) await runChangeHooks(tx, { kind: "moved", appointment: row, now, scope: "kind" in actor ? "service" : "user" });
      return row;
    });
  } catch (error) {
    if (pgErrorOf(error)?.code === "23P01") return unavailable("taken", googleDown);
    throw error;
  }
  if (!moved) throw new DomainError("conflict", "That appointment was changed a moment ago; look at it again before moving it.");
  if (!googleDown) await syncAppointmentNow(moved.id, now);
  const [fresh] = await transactionFor(actor, (tx) =>
    tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, moved.id))),
  );
  return { outcome: "moved", appointment: fresh ?? moved, context };
}
