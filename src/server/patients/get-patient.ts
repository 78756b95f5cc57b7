import { and, desc, eq, or, sql } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { appointments, type CallStatus, type ChangeSource, calls, patients, smsMessages } from "@/server/db/schema";
import { type PatientJson, toPatientJson } from "./patient-json";
import { patientNotFound } from "./schemas";

interface PatientCallJson {
  id: string;
  created_at: string;
  status: CallStatus;
  duration_seconds: number | null;
  language: string | null;
  summary: string | null;
}

export interface PatientAppointmentJson {
  id: string;
  start_at: string;
  end_at: string;
  status: string;
  summary: string;
  created_via: ChangeSource | null;
  changed_via: ChangeSource | null;
  changed_at: string | null;
  /** The member who made the last change (their address; null for the phone, texts, or a member who left). */
  changed_by: { id: string; email: string | null } | null;
  patient_confirmed_at: string | null;
  no_show: boolean;
}

interface PatientSmsJson {
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

export interface PatientDetailJson extends PatientJson {
  calls: PatientCallJson[];
  appointments: PatientAppointmentJson[];
  /** Texts to and from the patient, newest first (outbound ones still waiting included). */
  sms: PatientSmsJson[];
}

const LIST_LIMIT = 50;

/** GET /api/patients/:id as the member (RLS): the patient with their latest calls and appointments. */
export async function getPatient(actor: Actor, id: string): Promise<PatientDetailJson> {
  const { organisationId } = actor;
  return asUser(actor, async (tx) => {
    const [patient] = await tx
      .select()
      .from(patients)
      .where(and(eq(patients.organisationId, organisationId), eq(patients.id, id)));
    if (!patient) throw patientNotFound();
    const callRows = await tx
      .select({
        id: calls.id,
        createdAt: calls.createdAt,
        status: calls.status,
        durationSeconds: calls.durationSeconds,
        language: calls.language,
        summary: calls.summary,
      })
      .from(calls)
      .where(and(eq(calls.organisationId, organisationId), or(eq(calls.patientId, id), eq(calls.fromNumber, patient.phoneNumber))))
      .orderBy(desc(calls.createdAt), desc(calls.id))
      .limit(LIST_LIMIT);
    const appointmentRows = await tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.organisationId, organisationId),
          or(eq(appointments.patientId, id), eq(appointments.customerPhone, patient.phoneNumber)),
        ),
      )
      .orderBy(desc(appointments.startAt), desc(appointments.id))
      .limit(LIST_LIMIT);
    const smsRows = await tx
      .select()
      .from(smsMessages)
      .where(
        and(
          eq(smsMessages.organisationId, organisationId),
          or(eq(smsMessages.patientId, id), eq(smsMessages.toNumber, patient.phoneNumber), eq(smsMessages.fromNumber, patient.phoneNumber)),
        ),
      )
      .orderBy(desc(smsMessages.createdAt), desc(smsMessages.id))
      .limit(LIST_LIMIT);
    const emails = new Map<string, string>();
    if (appointmentRows.some((a) => a.changedBy)) {
      const members = await tx.execute(
        sql`select user_id, email from public.organisation_members_with_email() where organisation_id = ${organisationId}`,
      );
      for (const member of members.rows) emails.set(String(member.user_id), String(member.email));
    }
    return {
      ...toPatientJson(patient),
      sms: smsRows.map((m) => ({
        id: m.id,
        appointment_id: m.appointmentId,
        direction: m.direction,
        kind: m.kind,
        body: m.body,
        status: m.status,
        status_reason: m.statusReason,
        error_code: m.errorCode,
        send_at: m.sendAt ? m.sendAt.toISOString() : null,
        created_at: m.createdAt.toISOString(),
      })),
      calls: callRows.map((call) => ({
        id: call.id,
        created_at: call.createdAt.toISOString(),
        status: call.status,
        duration_seconds: call.durationSeconds,
        language: call.language,
        summary: call.summary,
      })),
      appointments: appointmentRows.map((a) => ({
        id: a.id,
        start_at: a.startAt.toISOString(),
        end_at: a.endAt.toISOString(),
        status: a.status,
        summary: a.summary,
        created_via: a.createdVia,
        changed_via: a.changedVia,
        changed_at: a.changedAt ? a.changedAt.toISOString() : null,
        changed_by: a.changedBy ? { id: a.changedBy, email: emails.get(a.changedBy) ?? null } : null,
        patient_confirmed_at: a.patientConfirmedAt ? a.patientConfirmedAt.toISOString() : null,
        no_show: a.noShowAt !== null,
      })),
    };
  });
}
