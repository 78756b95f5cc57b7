import type { Db } from "@/server/db/access";
import type { Appointment } from "@/server/db/schema";

/** What happened to an appointment, inside the transaction that changed it. */
export interface AppointmentChange {
  kind: "booked" | "moved" | "cancelled";
  appointment: Appointment;
  now: Date;
}

/**
 * Work that must commit with an appointment change, run in the change's own transaction by
 * every operation that books, moves or cancels (the patient's text messages).
 */
export async function runChangeHooks(_tx: Db, _change: AppointmentChange): Promise<void> {}
