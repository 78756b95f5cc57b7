import { sql } from "drizzle-orm";
import type { MessageKind, MessageStatus, MessageUrgency } from "@/server/db/schema/messages";
import { DomainError } from "@/server/errors";

export interface MessageJson {
  id: string;
  /** With microseconds (the cursor's precision). */
  created_at: string;
  kind: MessageKind;
  status: MessageStatus;
  urgency: MessageUrgency;
  caller_number: string | null;
  caller_name: string | null;
  reason: string | null;
  summary: string | null;
  call_id: string | null;
  /** True when a recording can be played (GET /api/messages/:id/recording is the call's or the voicemail's). */
  has_recording: boolean;
  recording_seconds: number | null;
  transcription: string | null;
  status_changed_at: string | null;
  status_changed_by: { id: string; name: string | null } | null;
  assignee: { id: string; name: string | null } | null;
}

export const messageNotFound = () => new DomainError("not_found", "This message does not exist, or it belongs to another clinic.");

/** The columns of a message row as MessageJson reads them (`m` = messages, joined to profiles). */
export const messageSelect = sql`m.id, to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
  m.kind, m.status, m.urgency, m.caller_number, m.caller_name, m.reason, m.summary, m.call_id,
  (m.recording_url is not null) as has_recording, m.recording_seconds, m.transcription, m.status_changed_at,
  m.status_changed_by, changer.full_name as status_changed_by_name, m.assigned_to, assignee.full_name as assignee_name`;

export const messageJoins = sql`left join public.profiles changer on changer.id = m.status_changed_by
  left join public.profiles assignee on assignee.id = m.assigned_to`;

export function toMessageJson(row: Record<string, unknown>): MessageJson {
  const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
  return {
    id: row.id as string,
    created_at: row.created_at as string,
    kind: row.kind as MessageKind,
    status: row.status as MessageStatus,
    urgency: row.urgency as MessageUrgency,
    caller_number: (row.caller_number as string | null) ?? null,
    caller_name: (row.caller_name as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    summary: (row.summary as string | null) ?? null,
    call_id: (row.call_id as string | null) ?? null,
    has_recording: Boolean(row.has_recording),
    recording_seconds: row.recording_seconds === null || row.recording_seconds === undefined ? null : Number(row.recording_seconds),
    transcription: (row.transcription as string | null) ?? null,
    status_changed_at: iso(row.status_changed_at),
    status_changed_by: row.status_changed_by
      ? { id: row.status_changed_by as string, name: (row.status_changed_by_name as string | null) ?? null }
      : null,
    assignee: row.assigned_to ? { id: row.assigned_to as string, name: (row.assignee_name as string | null) ?? null } : null,
  };
}
