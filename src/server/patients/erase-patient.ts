import { sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { setDeletionReason } from "@/server/privacy/provider-deletion-requests";
import { patientNotFound } from "./schemas";

/**
 * DELETE /api/patients/:id (admins): erases the patient's personal data from the clinic's calls,
 * appointments and text messages and deletes the patient, keeping the rows (anonymous counts).
 * One transaction as the admin: public.erase_patient checks the verified acting organisation
 * and role in the database (42501 → 403 for anyone else).
 */
export async function erasePatient(actor: Actor, id: string): Promise<void> {
  const erased = await asUser(actor, async (tx) => {
    // Twilio's copies of their voicemails and Vapi's of their calls are requested for deletion by the rows' triggers.
    await setDeletionReason(tx, "patient_erasure");
    const { rows } = await tx.execute(sql`select public.erase_patient(${id}::uuid) as erased`);
    const done = rows[0]?.erased === true;
    // Only the id: the patient's name and number are what was just erased.
    if (done) await recordAudit(tx, { action: "patient.erased", objectType: "patient", objectId: id });
    return done;
  });
  if (!erased) throw patientNotFound();
}
