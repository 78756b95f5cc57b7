import { integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

export const transferKinds = ["assistant", "ring_first", "emergency", "after_hours", "fallback"] as const;
export type TransferKind = (typeof transferKinds)[number];
export const transferStatuses = ["requested", "dialing", "answered", "no_answer", "failed"] as const;
export type TransferStatus = (typeof transferStatuses)[number];
export const transferFallbacks = ["voicemail", "callback", "assistant", "hangup"] as const;
export type TransferFallback = (typeof transferFallbacks)[number];

export interface TransferDestination {
  name: string;
  /** E.164 */
  number: string;
}

/** One attempt to put a live call through to a person (migration 20261207004000_call_transfers.sql). */
export const callTransfers = pgTable("call_transfers", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  callId: uuid("call_id").notNull(),
  kind: text("kind", { enum: transferKinds }).notNull(),
  reason: text("reason"),
  summary: text("summary"),
  destinations: jsonb("destinations").$type<TransferDestination[]>().notNull().default([]),
  status: text("status", { enum: transferStatuses }).notNull().default("requested"),
  answeredByName: text("answered_by_name"),
  answeredByNumber: text("answered_by_number"),
  dialCallStatus: text("dial_call_status"),
  durationSeconds: integer("duration_seconds"),
  fallback: text("fallback", { enum: transferFallbacks }),
  dialedAt: timestamp("dialed_at", { withTimezone: true }),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  ...timestamps,
});
