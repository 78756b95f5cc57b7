import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { patients } from "@/server/db/schema";
import { type PatientJson, toPatientJson } from "./patient-json";
import { cleanName } from "./record-patient-contact";
import { patientNotFound, type UpdatePatientInput } from "./schemas";

/** PATCH /api/patients/:id as the member (RLS). Only the fields sent change. */
export async function updatePatient(actor: Actor, id: string, input: UpdatePatientInput, now: Date): Promise<PatientJson> {
  const { organisationId } = actor;
  const changes: Partial<typeof patients.$inferInsert> = { updatedAt: now };
  if (input.name !== undefined) changes.name = cleanName(input.name);
  if (input.notes !== undefined) changes.notes = input.notes?.trim() ? input.notes.trim() : null;
  if (input.preferred_language !== undefined) changes.preferredLanguage = input.preferred_language;
  if (input.sms_consent !== undefined) changes.smsConsent = input.sms_consent;
  const [row] = await asUser(actor, async (tx) => {
    const rows = await tx
      .update(patients)
      .set(changes)
      .where(and(eq(patients.organisationId, organisationId), eq(patients.id, id)))
      .returning();
    const fields = Object.keys(input).filter((key) => input[key as keyof UpdatePatientInput] !== undefined);
    if (rows[0]) await recordAudit(tx, { action: "patient.updated", objectType: "patient", objectId: id, details: { fields } });
    return rows;
  });
  if (!row) throw patientNotFound();
  return toPatientJson(row);
}
