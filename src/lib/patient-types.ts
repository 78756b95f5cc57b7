/** JSON shapes of /api/patients, for pages (types only; the server's modules define them). */

export type { ChangeSource } from "@/server/db/schema";
export type { PatientAppointmentJson as PatientAppointment, PatientDetailJson as PatientDetail } from "@/server/patients/get-patient";
export type { PatientPage } from "@/server/patients/list-patients";
export type { PatientJson as Patient } from "@/server/patients/patient-json";
