import { boolean, integer, jsonb, pgTable, text, time, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

export interface StaffDestination {
  name: string;
  /** E.164 */
  number: string;
  /** Gets an SMS for new messages, voicemails and missed transfers. */
  sms: boolean;
}

export const afterHoursModes = ["assistant", "voicemail", "forward"] as const;
export type AfterHoursMode = (typeof afterHoursModes)[number];
export const noAnswerModes = ["voicemail", "callback"] as const;
export type NoAnswerMode = (typeof noAnswerModes)[number];

/** How calls reach a person (migration 20261206006100_call_routing.sql); one row per clinic. */
export const callRouting = pgTable("call_routing", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  staffDestinations: jsonb("staff_destinations").$type<StaffDestination[]>().notNull().default([]),
  ringTimeoutSeconds: integer("ring_timeout_seconds").notNull().default(20),
  ringStaffFirst: boolean("ring_staff_first").notNull().default(false),
  ringStaffFirstSeconds: integer("ring_staff_first_seconds").notNull().default(15),
  noAnswer: text("no_answer", { enum: noAnswerModes }).notNull().default("voicemail"),
  afterHoursMode: text("after_hours_mode", { enum: afterHoursModes }).notNull().default("assistant"),
  onCallNumber: text("on_call_number"),
  emergencyTransfer: boolean("emergency_transfer").notNull().default(false),
  /** Quiet hours of staff notifications (local, the clinic's zone; both null: none). Migration 20261207005000. */
  notifyQuietStart: time("notify_quiet_start"),
  notifyQuietEnd: time("notify_quiet_end"),
  ...timestamps,
});
