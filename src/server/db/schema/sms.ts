import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

export const smsKinds = ["confirmation", "change", "cancellation", "reminder", "reply", "inbound"] as const;
export type SmsKind = (typeof smsKinds)[number];

export const smsStatuses = [
  "pending",
  "sending",
  "accepted",
  "queued",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "canceled",
  "suppressed",
  "received",
] as const;
export type SmsStatus = (typeof smsStatuses)[number];

/**
 * One text to or from a patient. Outbound rows are written in the transaction of the appointment
 * change that causes them (unique dedupe key per clinic: appointment, kind, version) and sent by
 * the sms.dispatch job; inbound rows are unique on Twilio's MessageSid. Members read them.
 */
export const smsMessages = pgTable("sms_messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  patientId: uuid("patient_id"),
  appointmentId: uuid("appointment_id"),
  direction: text("direction", { enum: ["outbound", "inbound"] }).notNull(),
  kind: text("kind", { enum: smsKinds }).notNull(),
  appointmentVersion: integer("appointment_version"),
  dedupeKey: text("dedupe_key"),
  toNumber: text("to_number"),
  fromNumber: text("from_number"),
  body: text("body"),
  sendAt: timestamp("send_at", { withTimezone: true }),
  status: text("status", { enum: smsStatuses }).notNull(),
  statusReason: text("status_reason"),
  twilioSid: text("twilio_sid").unique(),
  errorCode: integer("error_code"),
  attempts: integer("attempts").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  ...timestamps,
});

export type SmsMessage = typeof smsMessages.$inferSelect;
