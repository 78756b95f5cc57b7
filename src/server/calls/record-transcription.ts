import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { asService, type Db } from "@/server/db/access";
import { calls, messages } from "@/server/db/schema";
import { requestLateTranscriptionDeletion } from "@/server/privacy/provider-deletion-requests";
import { redactText } from "@/server/privacy/redact";
import { redactionOn } from "./record-end-of-call-report";

export interface Transcription {
  callSid: string;
  recordingSid: string;
  transcriptionSid: string;
  status: "completed" | "failed";
  text?: string;
}

/**
 * Twilio's transcription of a voicemail (decision 020): stored on the voicemail message filed for
 * that recording (`voicemail:<RecordingSid>`) in the clinic the call belongs to, redacted when the
 * clinic redacts personal data. The first transcription wins: a redelivered callback changes
 * nothing. A recording of another clinic's call, an unknown call or a failed transcription stores
 * nothing. A transcription of a voicemail whose recording we no longer keep (the patient or the
 * clinic was erased, or it aged out) stores nothing either, and Twilio is asked to delete it
 * ("discarded"). Returns what happened, for the metric.
 */
export async function recordTranscription(input: Transcription): Promise<"stored" | "duplicate" | "discarded" | "unknown" | "failed"> {
  return asService(async (tx) => {
    const [call] = await tx
      .select({ id: calls.id, organisationId: calls.organisationId })
      .from(calls)
      .where(eq(calls.twilioCallSid, input.callSid));
    if (await recordingAlreadyGone(tx, input, call)) return "discarded";
    if (input.status !== "completed" || !input.text?.trim()) return "failed";
    if (!call) return "unknown";
    const text = (await redactionOn(tx, call.organisationId)) ? redactText(input.text!).text : input.text!;
    const updated = await tx
      .update(messages)
      .set({ transcription: text.slice(0, 20000), updatedAt: sql`now()` })
      .where(
        and(
          eq(messages.organisationId, call.organisationId),
          eq(messages.sourceKey, `voicemail:${input.recordingSid}`),
          eq(messages.kind, "voicemail"),
          isNotNull(messages.recordingUrl),
          isNull(messages.transcription),
        ),
      )
      .returning({ id: messages.id });
    if (updated.length > 0) return "stored";
    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.organisationId, call.organisationId), eq(messages.sourceKey, `voicemail:${input.recordingSid}`)));
    return existing ? "duplicate" : "unknown";
  });
}

/**
 * True (and Twilio asked to delete the transcription) when the voicemail's recording is no longer
 * ours: its deletion was requested (retention, an erasure: the clinic's calls may be gone too), or
 * the message filed for it has lost its recording. The words must not come back after it.
 */
async function recordingAlreadyGone(
  tx: Db,
  { recordingSid, transcriptionSid }: Transcription,
  call: { id: string; organisationId: string } | undefined,
): Promise<boolean> {
  const { rows } = await tx.execute(sql`
    select d.organisation_id, d.call_id from private.provider_deletions d
    where d.provider = 'twilio' and d.resource = 'recording' and d.resource_id = ${recordingSid}
    union all
    select m.organisation_id, m.call_id from public.messages m
    where ${call?.organisationId ?? null}::uuid is not null and m.organisation_id = ${call?.organisationId ?? null}::uuid
      and m.source_key = ${`voicemail:${recordingSid}`} and m.recording_url is null
    limit 1`);
  const gone = rows[0];
  if (!gone) return false;
  await requestLateTranscriptionDeletion(tx, {
    transcriptionSid,
    organisationId: String(gone.organisation_id),
    callId: gone.call_id === null ? null : String(gone.call_id),
  });
  return true;
}
