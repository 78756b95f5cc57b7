import type { Db } from "@/server/db/access";
import { queueAppointmentTexts } from "@/server/sms/queue-appointment-texts";
import type { AppointmentChange } from "./appointment-change";

/**
 * Work that must commit with an appointment change, run in the change's own transaction by
 * every operation that books, moves or cancels: the patient's text messages.
 */
export async function runChangeHooks(tx: Db, change: AppointmentChange): Promise<void> {
  await queueAppointmentTexts(tx, change);
}
