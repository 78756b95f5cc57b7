import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Locale } from "@/i18n/locales";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { appointments, assistantSettings, type CallStatus, calls, callTransfers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { translatorFor } from "@/server/i18n/translator";
import { type EndedReasonExplanation, explainEndedReason } from "@/shared/ended-reasons";
import { numberOrNull } from "./call-log-json";
import { clinicTimeZone } from "./clinic-time-zone";
import { plainSummary } from "./plain-summary";
import { recordingSource } from "./recording-source";
import { type TranscriptTurn, transcriptTurns } from "./transcript-turns";

/** One time the call was put through to a person: to whom, whether it was answered, how long. */
interface CallTransferJson {
  id: string;
  kind: "assistant" | "ring_first" | "emergency" | "after_hours" | "fallback";
  status: "requested" | "dialing" | "answered" | "no_answer" | "failed";
  reason: string | null;
  /** Who was rung (names and numbers). */
  destinations: { name: string; number: string }[];
  answered_by: { name: string | null; number: string } | null;
  duration_seconds: number | null;
  /** What the caller got when nobody answered. */
  fallback: "voicemail" | "callback" | "assistant" | "hangup" | null;
  created_at: string;
}

export interface CallAppointmentJson {
  id: string;
  start_at: string;
  end_at: string;
  status: string;
  customer_name: string | null;
  customer_phone: string | null;
  summary: string;
}

/**
 * Everything stored about one call, for the detail panel. Never the provider's recording URLs
 * (the recording is served by /api/call-logs/:id/recording) and never the assistant snapshot,
 * which carries the webhook secret Vapi echoes back.
 */
export interface CallLogDetailJson {
  id: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  ended_at: string | null;
  from_number: string | null;
  to_number: string | null;
  phone_number_id: string | null;
  /** The clinic's patient for the caller's number (null for a withheld number or an erased one). */
  patient_id: string | null;
  status: CallStatus;
  ended_reason: string | null;
  ended_reason_explained: EndedReasonExplanation;
  failure_reason: string | null;
  duration_seconds: number | null;
  language: string | null;
  transcript: string | null;
  turns: TranscriptTurn[];
  messages: unknown[] | null;
  summary: string | null;
  structured_data: unknown;
  success_evaluation: string | null;
  cost: number | null;
  cost_breakdown: unknown;
  /**
   * `in_clinic_storage`: the clinic runs Vapi in HIPAA mode (decision 022), so the conversation's
   * recording exists only in the clinic's own storage bucket: no player, a sentence saying so.
   */
  recording: { available: boolean; kind: "conversation" | "voicemail" | null; url: string | null; in_clinic_storage: boolean };
  /**
   * The clinic's retention for this call (decision 021): when the recording will be deleted
   * (null: kept forever, or already gone) and when it was (null: not yet).
   */
  retention: { recording_deletes_at: string | null; recording_deleted_at: string | null };
  appointment: CallAppointmentJson | null;
  transfers: CallTransferJson[];
}

export const callNotFound = () => new DomainError("not_found", "There is no such call in this clinic.");

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** One call in full; its words (why it ended, the transcript's events, a built summary) in `locale`. */
export async function getCallLog(actor: Actor, id: string, locale: Locale = "en"): Promise<CallLogDetailJson> {
  const { organisationId } = actor;
  return asUser(actor, async (tx) => {
    const [call] = await tx
      .select({
        id: calls.id,
        createdAt: sql<string>`to_char(${calls.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        updatedAt: calls.updatedAt,
        startedAt: calls.startedAt,
        endedAt: calls.endedAt,
        fromNumber: calls.fromNumber,
        toNumber: calls.toNumber,
        phoneNumberId: calls.phoneNumberId,
        patientId: calls.patientId,
        status: calls.status,
        endedReason: calls.endedReason,
        failureReason: calls.failureReason,
        durationSeconds: calls.durationSeconds,
        language: calls.language,
        transcript: calls.transcript,
        messages: calls.messages,
        summary: calls.summary,
        structuredData: calls.structuredData,
        successEvaluation: calls.successEvaluation,
        cost: calls.cost,
        costBreakdown: calls.costBreakdown,
        recordingUrl: calls.recordingUrl,
        recordingUrls: calls.recordingUrls,
        voicemailUrl: calls.voicemailUrl,
        recordingDeletedAt: calls.recordingDeletedAt,
        recordingDeletesAt: sql<
          string | null
        >`(select to_char((${calls.createdAt} + make_interval(days => r.recordings_days)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
          from public.retention_settings r where r.organisation_id = ${calls.organisationId})`,
      })
      .from(calls)
      .where(and(eq(calls.id, id), eq(calls.organisationId, organisationId), isNull(calls.metadataDeletedAt)));
    if (!call) throw callNotFound();
    const [appointment] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.callId, id)))
      .orderBy(sql`${appointments.status} = 'cancelled'`, asc(appointments.createdAt))
      .limit(1);
    const transfers = await tx
      .select()
      .from(callTransfers)
      .where(and(eq(callTransfers.organisationId, organisationId), eq(callTransfers.callId, id)))
      .orderBy(asc(callTransfers.createdAt), asc(callTransfers.id));
    const [privacy] = await tx
      .select({ complianceMode: assistantSettings.complianceMode })
      .from(assistantSettings)
      .where(eq(assistantSettings.organisationId, organisationId));
    const inClinicStorage = privacy?.complianceMode === "hipaa";
    const found = recordingSource(call);
    // A voicemail (recorded by Twilio) still plays; the conversation is in the clinic's bucket.
    const source = inClinicStorage && found?.kind === "conversation" ? null : found;
    const timeZone = await clinicTimeZone(tx, organisationId);
    const t = translatorFor(locale);
    const explained = explainEndedReason(call.status, call.endedReason, t);
    const turns = transcriptTurns(call.messages, call.transcript, timeZone, locale);
    // Served to this person: the audit log records who read the call (decision 021).
    await recordAudit(tx, {
      action: "call.transcript_viewed",
      objectType: "call",
      objectId: call.id,
      details: { transcript: call.transcript !== null || turns.length > 0 },
    });
    return {
      id: call.id,
      created_at: call.createdAt,
      updated_at: call.updatedAt.toISOString(),
      started_at: iso(call.startedAt),
      ended_at: iso(call.endedAt),
      from_number: call.fromNumber,
      to_number: call.toNumber,
      phone_number_id: call.phoneNumberId,
      patient_id: call.patientId,
      status: call.status,
      ended_reason: call.endedReason,
      ended_reason_explained: explained,
      failure_reason: call.failureReason,
      duration_seconds: call.durationSeconds,
      language: call.language,
      transcript: call.transcript,
      turns,
      messages: call.messages ?? null,
      summary: call.summary?.trim() || plainSummary({ explained, turns, t }),
      structured_data: call.structuredData ?? null,
      success_evaluation: call.successEvaluation,
      cost: numberOrNull(call.cost),
      cost_breakdown: call.costBreakdown ?? null,
      recording: {
        available: source !== null,
        kind: source?.kind ?? null,
        url: source ? `/api/call-logs/${call.id}/recording` : null,
        in_clinic_storage: inClinicStorage && source === null,
      },
      retention: {
        recording_deletes_at: call.recordingDeletedAt ? null : call.recordingDeletesAt,
        recording_deleted_at: iso(call.recordingDeletedAt),
      },
      appointment: appointment
        ? {
            id: appointment.id,
            start_at: appointment.startAt.toISOString(),
            end_at: appointment.endAt.toISOString(),
            status: appointment.status,
            customer_name: appointment.customerName,
            customer_phone: appointment.customerPhone,
            summary: appointment.summary,
          }
        : null,
      transfers: transfers.map((t) => ({
        id: t.id,
        kind: t.kind,
        status: t.status,
        reason: t.reason,
        destinations: t.destinations,
        answered_by: t.answeredByNumber ? { name: t.answeredByName, number: t.answeredByNumber } : null,
        duration_seconds: t.durationSeconds,
        fallback: t.fallback,
        created_at: t.createdAt.toISOString(),
      })),
    };
  });
}
