import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

/**
 * One Google Calendar per organisation. Token columns hold AES-256-GCM ciphertext only, bound
 * to the organisation id; `authenticated` can read the other columns and delete the row, and
 * only the service path writes it (the OAuth callback, token refresh, health).
 */
export const organisationCalendarConnections = pgTable("organisation_calendar_connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .unique()
    .references(() => organisations.id, { onDelete: "cascade" }),
  googleAccountEmail: text("google_account_email"),
  calendarId: text("calendar_id").notNull().default("primary"),
  accessTokenCiphertext: text("access_token_ciphertext"),
  refreshTokenCiphertext: text("refresh_token_ciphertext"),
  tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
  scopes: text("scopes"),
  status: text("status", { enum: ["connected", "disconnected"] })
    .notNull()
    .default("connected"),
  disconnectedReason: text("disconnected_reason"),
  connectedBy: uuid("connected_by").references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
  googleAccountId: text("google_account_id"),
  connectedAt: timestamp("connected_at", { withTimezone: true }),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
  lastFailureReason: text("last_failure_reason"),
});

export const appointmentStatuses = ["pending_sync", "confirmed", "cancelled"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** Where the appointment stands with Google: a change waiting in the outbox, done, or given up. */
export const appointmentSyncStatuses = ["pending", "synced", "failed"] as const;
export type AppointmentSyncStatus = (typeof appointmentSyncStatuses)[number];

/** Where an appointment was made or last changed. */
export const changeSources = ["phone", "sms", "dashboard"] as const;
export type ChangeSource = (typeof changeSources)[number];

export const appointments = pgTable("appointments", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  calendarEventId: text("calendar_event_id"),
  calendarId: text("calendar_id").notNull().default("primary"),
  startAt: timestamp("start_at", { withTimezone: true }).notNull(),
  endAt: timestamp("end_at", { withTimezone: true }).notNull(),
  customerName: text("customer_name"),
  customerPhone: text("customer_phone"),
  summary: text("summary").notNull().default("Appointment"),
  description: text("description"),
  status: text("status", { enum: appointmentStatuses }).notNull().default("confirmed"),
  callId: uuid("call_id"),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
  idempotencyKey: text("idempotency_key"),
  syncStatus: text("sync_status", { enum: appointmentSyncStatuses }).notNull().default("synced"),
  syncAttempts: integer("sync_attempts").notNull().default(0),
  syncLastError: text("sync_last_error"),
  syncNextAttemptAt: timestamp("sync_next_attempt_at", { withTimezone: true }),
  syncLockedUntil: timestamp("sync_locked_until", { withTimezone: true }),
  syncVersion: integer("sync_version").notNull().default(0),
  syncedAt: timestamp("synced_at", { withTimezone: true }),
  patientId: uuid("patient_id"),
  personalDataErasedAt: timestamp("personal_data_erased_at", { withTimezone: true }),
  /** Bumped by every change the patient is told about (time, cancellation); SMS rows key on it. */
  version: integer("version").notNull().default(1),
  createdVia: text("created_via", { enum: changeSources }),
  changedVia: text("changed_via", { enum: changeSources }),
  changedBy: uuid("changed_by").references(() => users.id, { onDelete: "set null" }),
  changedAt: timestamp("changed_at", { withTimezone: true }),
  noShowAt: timestamp("no_show_at", { withTimezone: true }),
  patientConfirmedAt: timestamp("patient_confirmed_at", { withTimezone: true }),
});

/** A pending "Connect Google Calendar": single use, 10 minutes, service path only. */
export const oauthStates = pgTable("oauth_states", {
  id: uuid("id").primaryKey().defaultRandom(),
  stateHash: text("state_hash").notNull().unique(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  codeVerifierCiphertext: text("code_verifier_ciphertext").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Appointment = typeof appointments.$inferSelect;
