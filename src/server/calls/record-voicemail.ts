import { and, eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { calls, callTransfers } from "@/server/db/schema";
import { createMessage } from "@/server/messages/create-message";

export interface Voicemail {
  callSid: string;
  recordingUrl: string;
  recordingSid?: string;
  durationSeconds?: number;
  /** The unanswered transfer the caller was recording after, when the action URL named one. */
  transferId?: string;
}

/**
 * The message a caller left when no one could take the call (Twilio <Record> action): stored on
 * the call and filed in the clinic's inbox as a voicemail, once per recording (a redelivered
 * callback files nothing new). False for an unknown call.
 */
export async function recordVoicemail(voicemail: Voicemail): Promise<boolean> {
  return asService(async (tx) => {
    const [call] = await tx
      .update(calls)
      .set({ voicemailUrl: voicemail.recordingUrl })
      .where(eq(calls.twilioCallSid, voicemail.callSid))
      .returning({ id: calls.id, organisationId: calls.organisationId, fromNumber: calls.fromNumber });
    if (!call) return false;
    // The transfer's reason and summary, only from a transfer of this very call.
    const [transfer] = voicemail.transferId
      ? await tx
          .select({ reason: callTransfers.reason, summary: callTransfers.summary, kind: callTransfers.kind })
          .from(callTransfers)
          .where(
            and(
              eq(callTransfers.id, voicemail.transferId),
              eq(callTransfers.organisationId, call.organisationId),
              eq(callTransfers.callId, call.id),
            ),
          )
      : [];
    await createMessage(tx, {
      organisationId: call.organisationId,
      kind: "voicemail",
      sourceKey: `voicemail:${voicemail.recordingSid ?? voicemail.callSid}`,
      callId: call.id,
      callerNumber: call.fromNumber,
      reason: transfer?.reason ?? "Voicemail",
      summary: transfer?.summary ?? null,
      urgency: transfer?.kind === "emergency" ? "urgent" : "normal",
      recordingUrl: voicemail.recordingUrl,
      recordingSeconds: voicemail.durationSeconds ?? null,
    });
    return true;
  });
}
