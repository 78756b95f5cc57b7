import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import type { MessageKind, MessageUrgency } from "@/server/db/schema/messages";
import { notifyStaff } from "@/server/notifications/notify-staff";

export interface NewMessage {
  organisationId: string;
  kind: MessageKind;
  /** What created it, unique per clinic: a retry of the same source returns the first message. */
  sourceKey: string;
  callId?: string | null;
  callerNumber?: string | null;
  callerName?: string | null;
  reason?: string | null;
  summary?: string | null;
  urgency?: MessageUrgency;
  recordingUrl?: string | null;
  recordingSeconds?: number | null;
  transcription?: string | null;
}

const cut = (value: string | null | undefined, max: number) => {
  if (value === null || value === undefined) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: provider and caller text loses NUL and C0 controls
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").trim();
  return clean === "" ? null : clean.slice(0, max);
};

/**
 * Records a message in the service transaction `tx` (webhooks, tools, jobs: no person is signed
 * in). Idempotent on (organisation, sourceKey): returns the message's id and whether this call
 * created it. Only the write that creates the message notifies the clinic's staff (notifyStaff,
 * in this same transaction: a voicemail as a voicemail, anything else as a message).
 */
export async function createMessage(tx: Db, input: NewMessage): Promise<{ id: string; created: boolean }> {
  const { rows } = await tx.execute(
    sql`insert into public.messages (organisation_id, kind, source_key, call_id, caller_number, caller_name, reason, summary,
          urgency, recording_url, recording_seconds, transcription)
        values (${input.organisationId}, ${input.kind}, ${input.sourceKey.slice(0, 300)}, ${input.callId ?? null},
          ${cut(input.callerNumber, 40)}, ${cut(input.callerName, 200)}, ${cut(input.reason, 2000)}, ${cut(input.summary, 20000)},
          ${input.urgency ?? "normal"}, ${cut(input.recordingUrl, 2048)}, ${input.recordingSeconds ?? null}, ${cut(input.transcription, 20000)})
        on conflict (organisation_id, source_key) do nothing
        returning id`,
  );
  if (rows[0]) {
    const id = rows[0].id as string;
    await notifyStaff(tx, {
      organisationId: input.organisationId,
      kind: input.kind === "voicemail" ? "voicemail" : "message",
      messageId: id,
      callId: input.callId ?? null,
    });
    return { id, created: true };
  }
  const existing = await tx.execute(
    sql`select id from public.messages where organisation_id = ${input.organisationId} and source_key = ${input.sourceKey.slice(0, 300)}`,
  );
  return { id: existing.rows[0]!.id as string, created: false };
}
