import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

export const messageKinds = ["message", "callback", "voicemail", "sms"] as const;
export type MessageKind = (typeof messageKinds)[number];
export const messageStatuses = ["new", "in_progress", "done"] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export const messageUrgencies = ["normal", "urgent"] as const;
export type MessageUrgency = (typeof messageUrgencies)[number];

/** The clinic's inbox (migration 20261206006000_messages.sql). */
export const messages = pgTable("messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  callId: uuid("call_id"),
  kind: text("kind", { enum: messageKinds }).notNull(),
  callerNumber: text("caller_number"),
  callerName: text("caller_name"),
  reason: text("reason"),
  summary: text("summary"),
  urgency: text("urgency", { enum: messageUrgencies }).notNull().default("normal"),
  recordingUrl: text("recording_url"),
  recordingSeconds: integer("recording_seconds"),
  transcription: text("transcription"),
  status: text("status", { enum: messageStatuses }).notNull().default("new"),
  statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
  statusChangedBy: uuid("status_changed_by"),
  assignedTo: uuid("assigned_to"),
  sourceKey: text("source_key").notNull(),
  /** When retention blanked what the caller said (migration 20261207007100_retention.sql). */
  contentDeletedAt: timestamp("content_deleted_at", { withTimezone: true }),
  ...timestamps,
});
