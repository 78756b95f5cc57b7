import { and, eq, ne, sql } from "drizzle-orm";
import { type Actor, type ServiceActor, transactionFor } from "@/server/db/access";
import { type Appointment, appointments, type ChangeSource } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { runChangeHooks } from "./appointment-change-hooks";
import { findById } from "./book-appointment";
import { ChangeTooLateError } from "./change-too-late-error";
import { addMinutes } from "./intervals";
import { loadBookingContext } from "./load-booking-context";
import { syncAppointmentNow } from "./outbox/process-calendar-outbox";

export interface CancelOptions {
  /** Where the cancellation came from; the dashboard by default. */
  via?: ChangeSource;
  /** Callers (phone, text) must cancel at least the clinic's minimum notice ahead; staff need not. */
  enforceMinimumNotice?: boolean;
  /** Only if the appointment is still at this version (a text reply about what it was then). */
  expectedVersion?: number;
}

/**
 * Cancels an appointment (idempotent: cancelling a cancelled one returns it unchanged). Frees
 * the slot at once (the exclusion constraint ignores cancelled rows) and queues the Google
 * event's cancellation, attempted inline; if Google is down, or the worker is busy creating the
 * event right now, the outbox cancels it afterwards (sync_version makes the cancel win). The
 * change records where it came from and who made it, and its version moves on (texts key on it).
 */
export async function cancelAppointment(
  actor: Actor | ServiceActor,
  appointmentId: string,
  now: Date,
  options: CancelOptions = {},
): Promise<Appointment> {
  const { organisationId } = actor;
  const via = options.via ?? "dashboard";
  const cancelled = await transactionFor(actor, async (tx) => {
    if (options.enforceMinimumNotice) {
      const [current] = await tx
        .select({ startAt: appointments.startAt, status: appointments.status })
        .from(appointments)
        .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, appointmentId)));
      if (current && current.status !== "cancelled") {
        const { rules } = await loadBookingContext(tx, organisationId);
        if (current.startAt < addMinutes(now, rules.minNoticeMinutes)) throw new ChangeTooLateError(rules.minNoticeMinutes);
      }
    }
    const [row] = await tx
      .update(appointments)
      .set({
        status: "cancelled",
        syncStatus: "pending",
        syncVersion: sql`${appointments.syncVersion} + 1`,
        version: sql`${appointments.version} + 1`,
        syncAttempts: 0,
        syncLastError: null,
        syncNextAttemptAt: now,
        changedVia: via,
        changedBy: "kind" in actor ? null : actor.userId,
        changedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(appointments.organisationId, organisationId),
          eq(appointments.id, appointmentId),
          ne(appointments.status, "cancelled"),
          options.expectedVersion === undefined ? undefined : eq(appointments.version, options.expectedVersion),
        ),
      )
      .returning();
    if (row) await runChangeHooks(tx, { kind: "cancelled", appointment: row, now, scope: "kind" in actor ? "service" : "user" });
    return row;
  });
  if (cancelled) await syncAppointmentNow(appointmentId, now);
  const appointment = await findById(actor, appointmentId);
  if (!appointment) throw new DomainError("not_found", "That appointment does not exist in this clinic.");
  return appointment;
}
