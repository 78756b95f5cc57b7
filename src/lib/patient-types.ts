/** What /api/patients answers (src/server/patients/*-json.ts, mirrored for the browser). */
export interface Patient {
  id: string;
  phone_number: string;
  name: string | null;
  other_names: string[];
  preferred_language: "en" | "ru" | null;
  notes: string | null;
  sms_consent: "unknown" | "granted" | "revoked";
  sms_opted_out: boolean;
  sms_opted_out_at: string | null;
  first_call_at: string | null;
  last_call_at: string | null;
  last_seen_at: string;
  created_at: string;
}

export interface PatientPage {
  patients: Patient[];
  next_cursor: string | null;
}

interface PatientCall {
  id: string;
  created_at: string;
  status: string;
  duration_seconds: number | null;
  language: string | null;
  summary: string | null;
}

export type ChangeSource = "phone" | "sms" | "dashboard";

export interface PatientAppointment {
  id: string;
  start_at: string;
  end_at: string;
  status: string;
  summary: string;
  created_via: ChangeSource | null;
  changed_via: ChangeSource | null;
  changed_at: string | null;
  changed_by: { id: string; email: string | null } | null;
  patient_confirmed_at: string | null;
  no_show: boolean;
}

interface PatientSms {
  id: string;
  appointment_id: string | null;
  direction: "outbound" | "inbound";
  kind: string;
  body: string | null;
  status: string;
  status_reason: string | null;
  error_code: number | null;
  send_at: string | null;
  created_at: string;
}

export interface PatientDetail extends Patient {
  calls: PatientCall[];
  appointments: PatientAppointment[];
  sms?: PatientSms[];
}
