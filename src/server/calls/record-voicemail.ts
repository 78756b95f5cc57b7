import { eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { calls } from "@/server/db/schema";
import { createMessage } from "@/server/messages/create-message";

export interface Voicemail {
  callSid: string;
  recordingUrl: string;
  recordingSid?: string;
  durationSeconds?: number;
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
    await createMessage(tx, {
      organisationId: call.organisationId,
      kind: "voicemail",
      sourceKey: `voicemail:${voicemail.recordingSid ?? voicemail.callSid}`,
      callId: call.id,
      callerNumber: call.fromNumber,
      reason: "Voicemail",
      recordingUrl: voicemail.recordingUrl,
      recordingSeconds: voicemail.durationSeconds ?? null,
    });
    return true;
  });
}
