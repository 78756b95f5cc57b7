import type { MessageKey } from "@/i18n/keys";

/** What /api/messages answers (src/server/messages/message-json.ts), for the browser. */
export type MessageStatus = "new" | "in_progress" | "done";
export type MessageKind = "message" | "callback" | "voicemail" | "sms";

export interface InboxMessage {
  id: string;
  created_at: string;
  kind: MessageKind;
  status: MessageStatus;
  urgency: "normal" | "urgent";
  caller_number: string | null;
  caller_name: string | null;
  reason: string | null;
  summary: string | null;
  call_id: string | null;
  has_recording: boolean;
  recording_seconds: number | null;
  transcription: string | null;
  status_changed_at: string | null;
  status_changed_by: { id: string; name: string | null } | null;
  assignee: { id: string; name: string | null } | null;
}

export interface MessagePage {
  messages: InboxMessage[];
  next_cursor: string | null;
  unread_count: number;
}

export const UNREAD_COUNT_PATH = "/api/messages/unread-count";

export const statusKeys = {
  new: "inbox.status.new",
  in_progress: "inbox.status.in_progress",
  done: "inbox.status.done",
} as const satisfies Record<MessageStatus, MessageKey>;

export const kindKeys = {
  message: "inbox.kind.message",
  callback: "inbox.kind.callback",
  voicemail: "inbox.kind.voicemail",
  sms: "inbox.kind.sms",
} as const satisfies Record<MessageKind, MessageKey>;
