import { and, asc, eq, gt, ne } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { appointments, patients } from "@/server/db/schema";

/** What the assistant may know about a returning caller: nothing else of their history. */
export interface KnownCaller {
  name: string | null;
  language: "en" | "ru" | null;
  upcoming: { id: string; start: Date; summary: string }[];
}

const UPCOMING_LIMIT = 3;

/**
 * Service path, inside the incoming call's transaction: the patient's name, language and next
 * live appointments (at most three). Null when the patient knows nothing worth saying (no name,
 * no language and nothing booked).
 */
export async function loadKnownCaller(tx: Db, organisationId: string, patientId: string, now: Date): Promise<KnownCaller | null> {
  const [patient] = await tx
    .select({ name: patients.name, language: patients.preferredLanguage })
    .from(patients)
    .where(and(eq(patients.organisationId, organisationId), eq(patients.id, patientId)));
  if (!patient) return null;
  const upcoming = await tx
    .select({ id: appointments.id, start: appointments.startAt, summary: appointments.summary })
    .from(appointments)
    .where(
      and(
        eq(appointments.organisationId, organisationId),
        eq(appointments.patientId, patientId),
        ne(appointments.status, "cancelled"),
        gt(appointments.startAt, now),
      ),
    )
    .orderBy(asc(appointments.startAt))
    .limit(UPCOMING_LIMIT);
  if (!patient.name && !patient.language && upcoming.length === 0) return null;
  return { name: patient.name, language: patient.language, upcoming };
}
