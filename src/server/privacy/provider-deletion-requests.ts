import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";

/**
 * Writing requests into private.provider_deletions (carried out by provider-deletions.ts). Most are
 * written by the triggers on calls and messages when our copy goes; the transaction that removes it
 * says why first, so each request records its reason.
 */

/**
 * A transcription that arrived for a voicemail whose recording we no longer keep (erased, or past
 * retention, or the clinic erased): Twilio is asked to delete it as well. In the caller's transaction.
 */
export async function requestLateTranscriptionDeletion(
  tx: Db,
  input: { transcriptionSid: string; organisationId: string; callId: string | null },
): Promise<void> {
  await tx.execute(sql`select set_config('clinicall.deletion_reason', 'late_transcription', true)`);
  await tx.execute(
    sql`select private.request_provider_deletion('twilio', 'transcription', ${input.transcriptionSid}, ${input.organisationId}::uuid, ${input.callId}::uuid)`,
  );
}

/** Says why the transaction's triggers request deletions (see the migration's private.deletion_reason). */
export async function setDeletionReason(tx: Db, reason: "retention" | "patient_erasure" | "organisation_erasure"): Promise<void> {
  await tx.execute(sql`select set_config('clinicall.deletion_reason', ${reason}, true)`);
}
