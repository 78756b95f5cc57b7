import { jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

export const staffNotificationKinds = ["message", "voicemail", "missed_transfer", "digest"] as const;
export type StaffNotificationKind = (typeof staffNotificationKinds)[number];

/** One email (`email:<user id>`) or text (`sms:<number>`) of a notification: claimed (`sending`) before it is sent, once. */
export interface StaffDelivery {
  /** Texts: sending → sent | failed | off. Emails: queued (an email.send job has it) | off. */
  status: "sending" | "sent" | "failed" | "off" | "queued";
  sid?: string;
  error?: number | null;
}

/** What staff were told about (migration 20261207005000_staff_notifications.sql; decision 020). */
export const staffNotifications = pgTable("staff_notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: staffNotificationKinds }).notNull(),
  sourceKey: text("source_key").notNull(),
  messageId: uuid("message_id"),
  callId: uuid("call_id"),
  deliveries: jsonb("deliveries").$type<Record<string, StaffDelivery>>().notNull().default({}),
  heldUntil: timestamp("held_until", { withTimezone: true }),
  deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  ...timestamps,
});
