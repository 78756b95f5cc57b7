import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { isE164 } from "@/shared/phone-number";

export interface PatientContact {
  organisationId: string;
  /** The caller id or the number given at booking; anything not E.164 is no patient. */
  phoneNumber: string | null;
  /** A name heard or given: becomes the name when none is known, else joins other_names. */
  name?: string | null;
  language?: "en" | "ru" | null;
  at: Date;
  /** A call (first/last call times move), not only a booking. */
  isCall: boolean;
}

/**
 * Inside the caller's transaction (a call's claim on the service path, a booking as the member
 * or the assistant): finds or creates the clinic's patient for the number, in one statement
 * (`on conflict` on (organisation_id, phone_number), so two calls at once make one patient), and
 * returns its id. Null for a withheld or unreadable number: that caller is a new caller.
 */
export async function recordPatientContact(tx: Db, contact: PatientContact): Promise<string | null> {
  return (await upsertPatient(tx, contact))?.id ?? null;
}

/** recordPatientContact, also saying whether the patient was new (created by this contact). */
export async function upsertPatient(tx: Db, contact: PatientContact): Promise<{ id: string; created: boolean } | null> {
  const phone = contact.phoneNumber?.trim() ?? "";
  if (!isE164(phone)) return null;
  const name = cleanName(contact.name);
  const callAt = contact.isCall ? contact.at : null;
  const { rows } = await tx.execute(sql`
    insert into public.patients as p
      (organisation_id, phone_number, name, preferred_language, first_call_at, last_call_at, last_seen_at, created_at, updated_at)
    values (${contact.organisationId}, ${phone}, ${name}, ${contact.language ?? null}, ${callAt}, ${callAt}, ${contact.at}, ${contact.at}, ${contact.at})
    on conflict (organisation_id, phone_number) do update set
      name = coalesce(p.name, excluded.name),
      other_names = case
        when excluded.name is null or p.name is null or lower(excluded.name) = lower(p.name)
          or lower(excluded.name) = any (select lower(n) from unnest(p.other_names) n) then p.other_names
        else (array[excluded.name] || p.other_names)[1:5] end,
      preferred_language = coalesce(p.preferred_language, excluded.preferred_language),
      first_call_at = coalesce(p.first_call_at, excluded.first_call_at),
      last_call_at = greatest(p.last_call_at, excluded.last_call_at),
      last_seen_at = greatest(p.last_seen_at, excluded.last_seen_at)
    returning p.id, (p.xmax = 0) as created`);
  const row = rows[0];
  return row ? { id: String(row.id), created: row.created === true || row.created === "t" } : null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** A spoken or typed name, trimmed, control characters out, at most 120 characters; null if empty. */
export function cleanName(value: string | null | undefined): string | null {
  if (!value) return null;
  const cleaned = value.replace(CONTROL, " ").replace(/\s+/g, " ").trim().slice(0, 120).trim();
  return cleaned || null;
}
