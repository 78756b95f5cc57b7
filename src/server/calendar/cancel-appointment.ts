import { and, eq, ne, sql } from "drizzle-orm";
import { type Actor, type ServiceActor, transactionFor } from "@/server/db/access";
import { type Appointment, appointments } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { findById } from "./book-appointment";
import { syncAppointmentNow } from "./outbox/process-calendar-outbox";

/**
 * Cancels an appointment (idempotent: cancelling a cancelled one returns it unchanged). Frees
 * the slot at once (the exclusion constraint ignores cancelled rows) and queues the Google
 * event's cancellation, attempted inline; if Google is down, or the worker is busy creating the
 * event right now, the outbox cancels it afterwards (sync_version makes the cancel win).
 */
export async function cancelAppointment(actor: Actor | ServiceActor, appointmentId: string, now: Date): Promise<Appointment> {
  const { organisationId } = actor;
  const [cancelled] = await transactionFor(actor, (tx) =>
    tx
      .update(appointments)
      .set({
        status: "cancelled",
        syncStatus: "pending",
        syncVersion: sql`${appointments.syncVersion} + 1`,
        syncAttempts: 0,
        syncLastError: null,
        syncNextAttemptAt: now,
        updatedAt: now,
      })
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, appointmentId), ne(appointments.status, "cancelled")))
      .returning({ id: appointments.id }),
  );
  if (cancelled) await syncAppointmentNow(appointmentId, now);
  const appointment = await findById(actor, appointmentId);
  if (!appointment) throw new DomainError("not_found", "That appointment does not exist in this clinic.");
  return appointment;
}
