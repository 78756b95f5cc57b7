import { boolean, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

/** queued < ringing < in-progress < forwarding < ended | failed; see public.call_status_rank(). */
export const callStatuses = ["queued", "ringing", "in-progress", "forwarding", "ended", "failed"] as const;
export type CallStatus = (typeof callStatuses)[number];

export interface RecordingUrls {
  stereo?: string;
  mono_combined?: string;
  mono_assistant?: string;
  mono_customer?: string;
}

export const calls = pgTable("calls", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  userId: uuid("user_id"),
  phoneNumberId: uuid("phone_number_id"),
  twilioCallSid: text("twilio_call_sid").unique(),
  vapiCallId: text("vapi_call_id").unique(),
  fromNumber: text("from_number"),
  toNumber: text("to_number"),
  status: text("status", { enum: callStatuses }).notNull().default("queued"),
  endedReason: text("ended_reason"),
  startedAt: timestamp("started_at", { withTimezone: true }),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  durationSeconds: integer("duration_seconds"),
  transcript: text("transcript"),
  summary: text("summary"),
  recordingUrl: text("recording_url"),
  cost: numeric("cost", { precision: 10, scale: 4 }),
  /** The transient assistant exactly as it was sent to Vapi for this call. */
  assistantSnapshot: jsonb("assistant_snapshot"),
  /** The TwiML returned to Twilio, replayed when Twilio retries the same CallSid. */
  twiml: text("twiml"),
  failureReason: text("failure_reason"),
  language: text("language"),
  messages: jsonb("messages").$type<unknown[]>(),
  structuredData: jsonb("structured_data"),
  /** Counts per kind of what redaction removed before storage (never the values); null = not redacted. */
  redactions: jsonb("redactions").$type<Record<string, number>>(),
  successEvaluation: text("success_evaluation"),
  recordingUrls: jsonb("recording_urls").$type<RecordingUrls>(),
  costBreakdown: jsonb("cost_breakdown"),
  voicemailUrl: text("voicemail_url"),
  reportReceivedAt: timestamp("report_received_at", { withTimezone: true }),
  ...timestamps,
  patientId: uuid("patient_id"),
  personalDataErasedAt: timestamp("personal_data_erased_at", { withTimezone: true }),
  /** Retention (migration 20261207007100_retention.sql): when each stage of the purge reached this call. */
  recordingDeletedAt: timestamp("recording_deleted_at", { withTimezone: true }),
  contentDeletedAt: timestamp("content_deleted_at", { withTimezone: true }),
  metadataDeletedAt: timestamp("metadata_deleted_at", { withTimezone: true }),
  /** Vapi's copy: pending once our recording is gone, then done or failed (DELETE /call/{id}). */
  vapiDeletionStatus: text("vapi_deletion_status", { enum: ["pending", "done", "failed"] }),
  vapiDeletionAttempts: integer("vapi_deletion_attempts").notNull().default(0),
  vapiDeletionAt: timestamp("vapi_deletion_at", { withTimezone: true }),
});

export const subscriptions = pgTable("subscriptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  userId: uuid("user_id"),
  stripeCustomerId: text("stripe_customer_id"),
  stripeSubscriptionId: text("stripe_subscription_id").unique(),
  status: text("status").notNull().default("incomplete"),
  plan: text("plan"),
  currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
  cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
  priceId: text("price_id"),
  currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
  trialStart: timestamp("trial_start", { withTimezone: true }),
  trialEnd: timestamp("trial_end", { withTimezone: true }),
  canceledAt: timestamp("canceled_at", { withTimezone: true }),
  latestInvoiceId: text("latest_invoice_id"),
  latestInvoiceStatus: text("latest_invoice_status"),
  pastDueSince: timestamp("past_due_since", { withTimezone: true }),
  stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }),
  syncedAt: timestamp("synced_at", { withTimezone: true }),
  ...timestamps,
});
