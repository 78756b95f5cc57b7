import type { Patient } from "@/server/db/schema";

export interface PatientJson {
  id: string;
  phone_number: string;
  name: string | null;
  other_names: string[];
  preferred_language: "en" | "ru" | null;
  notes: string | null;
  sms_consent: Patient["smsConsent"];
  sms_opted_out: boolean;
  sms_opted_out_at: string | null;
  first_call_at: string | null;
  last_call_at: string | null;
  last_seen_at: string;
  created_at: string;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toPatientJson(row: Patient): PatientJson {
  return {
    id: row.id,
    phone_number: row.phoneNumber,
    name: row.name,
    other_names: row.otherNames,
    preferred_language: row.preferredLanguage,
    notes: row.notes,
    sms_consent: row.smsConsent,
    sms_opted_out: row.smsOptedOutAt !== null,
    sms_opted_out_at: iso(row.smsOptedOutAt),
    first_call_at: iso(row.firstCallAt),
    last_call_at: iso(row.lastCallAt),
    last_seen_at: row.lastSeenAt.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}
