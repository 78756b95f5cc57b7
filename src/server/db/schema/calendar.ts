import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organisations } from "./organisations";
import { timestamps } from "./columns";

/** One Google Calendar per organisation. Token columns hold AES-256-GCM ciphertext only. */
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
  status: text("status", { enum: ["connected", "disconnected"] }).notNull().default("connected"),
  disconnectedReason: text("disconnected_reason"),
  connectedBy: uuid("connected_by").references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
});

export const appointmentStatuses = ["pending_sync", "confirmed", "cancelled"] as const;

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
});
