import { and, desc, eq, sql } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { patients } from "@/server/db/schema";
import { decodePatientCursor, encodePatientCursor } from "./patient-cursor";
import { type PatientJson, toPatientJson } from "./patient-json";
import type { PatientsQuery } from "./schemas";

export interface PatientPage {
  patients: PatientJson[];
  next_cursor: string | null;
}

/** LIKE metacharacters taken literally. */
const likeLiteral = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Newest contact first, keyset on (last_seen_at, id): patients_organisation_last_seen_idx. `q`
 * matches part of a name (any of them) or of the number (digits compared).
 */
export async function listPatients(actor: Actor, query: PatientsQuery): Promise<PatientPage> {
  const { organisationId } = actor;
  const cursor = query.cursor === undefined ? undefined : decodePatientCursor(query.cursor);
  const q = query.q;
  const digits = q?.replace(/\D/g, "") ?? "";
  const pattern = q ? `%${likeLiteral(q)}%` : "";
  const search = q
    ? sql`(${patients.name} ilike ${pattern}
          or exists (select 1 from unnest(${patients.otherNames}) n where n ilike ${pattern})
          ${digits.length >= 3 ? sql`or ${patients.phoneNumber} like ${`%${digits}%`}` : sql``})`
    : undefined;
  const after = cursor
    ? sql`(${patients.lastSeenAt}, ${patients.id}) < (${cursor.lastSeenAt}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  return asUser(actor, async (tx) => {
    const rows = await tx
      .select({
        patient: patients,
        cursorAt: sql<string>`to_char(${patients.lastSeenAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      })
      .from(patients)
      .where(and(eq(patients.organisationId, organisationId), search, after))
      .orderBy(desc(patients.lastSeenAt), desc(patients.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      patients: page.map((row) => toPatientJson(row.patient)),
      next_cursor: rows.length > query.limit && last ? encodePatientCursor({ lastSeenAt: last.cursorAt, id: last.patient.id }) : null,
    };
  });
}
