import { and, eq, isNull, sql } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { calls, messages } from "@/server/db/schema";
import { redactText } from "@/server/privacy/redact";
import { redactionOn } from "./record-end-of-call-report";

export interface Transcription {
  callSid: string;
  recordingSid: string;
  status: "completed" | "failed";
  text?: string;
}

/**
 * Twilio's transcription of a voicemail (decision 020): stored on the voicemail message filed for
 * that recording (`voicemail:<RecordingSid>`) in the clinic the call belongs to, redacted when the
 * clinic redacts personal data. The first transcription wins: a redelivered callback changes
 * nothing. A recording of another clinic's call, an unknown call or a failed transcription stores
 * nothing. Returns what happened, for the metric.
 */
export async function recordTranscription(input: Transcription): Promise<"stored" | "duplicate" | "unknown" | "failed"> {
  if (input.status !== "completed" || !input.text?.trim()) return "failed";
  return asService(async (tx) => {
    const [call] = await tx.select({ organisationId: calls.organisationId }).from(calls).where(eq(calls.twilioCallSid, input.callSid));
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
