import { and, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { type Appointment, appointments } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

/**
 * A member marks that the patient did not come (or takes the mark back). Only an appointment
 * that has begun and was not cancelled can be a no-show; analytics count them before and after
 * the clinic turned reminders on. Not a change the patient is told about: the version, the
 * texts and the Google event are untouched. Idempotent.
 */
export async function markNoShow(actor: Actor, appointmentId: string, noShow: boolean, now: Date): Promise<Appointment> {
  return asUser(actor, async (tx) => {
    const [current] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, actor.organisationId), eq(appointments.id, appointmentId)));
    if (!current) throw new DomainError("not_found", "That appointment does not exist in this clinic.");
    if (noShow && current.status === "cancelled") {
      throw new DomainError("conflict", "A cancelled appointment cannot be a no-show.", { reason: "appointment_cancelled" });
    }
    if (noShow && current.startAt > now) {
      throw new DomainError("conflict", "An appointment can be marked a no-show once it has begun.", { reason: "appointment_not_begun" });
    }
    if ((current.noShowAt !== null) === noShow) return current;
    const [row] = await tx
      .update(appointments)
      .set({ noShowAt: noShow ? now : null, updatedAt: now })
      .where(and(eq(appointments.organisationId, actor.organisationId), eq(appointments.id, appointmentId)))
      .returning();
    return row ?? current;
  });
}
