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

export const statusLabels: Record<MessageStatus, string> = { new: "New", in_progress: "In progress", done: "Done" };
export const kindLabels: Record<MessageKind, string> = {
  message: "Message",
  callback: "Callback request",
  voicemail: "Voicemail",
  sms: "Text message",
};
