import { boolean, integer, jsonb, pgTable, primaryKey, text, time, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { timestamps } from "./columns";

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  selectedVoiceAgentId: text("selected_voice_agent_id"),
  /** IANA timezone; working hours, slots and analytics are computed in it. */
  timezone: text("timezone").notNull().default("UTC"),
  /** When someone on the clinic confirmed or chose the time zone (null: still the sign-up or phone-number guess). */
  timezoneConfirmedAt: timestamp("timezone_confirmed_at", { withTimezone: true }),
  /** When the working hours were last saved (null: still the sign-up default). */
  workingHoursSavedAt: timestamp("working_hours_saved_at", { withTimezone: true }),
  ...timestamps,
  /** Booking rules (calendar): gap kept around busy time, how far ahead a caller must book, default length. */
  bookingBufferMinutes: integer("booking_buffer_minutes").notNull().default(0),
  bookingMinNoticeMinutes: integer("booking_min_notice_minutes").notNull().default(60),
  bookingDefaultDurationMinutes: integer("booking_default_duration_minutes").notNull().default(30),
  /** Everyone in the clinic must sign in with two factors (members without it enrol first). */
  requireTwoFactor: boolean("require_two_factor").notNull().default(false),
  /** Text messages to patients (confirmations, reminders): on/off, the clinic's Twilio Messaging Service, quiet hours. */
  smsEnabled: boolean("sms_enabled").notNull().default(false),
  smsMessagingServiceSid: text("sms_messaging_service_sid"),
  smsQuietHoursStart: time("sms_quiet_hours_start").notNull().default("21:00"),
  smsQuietHoursEnd: time("sms_quiet_hours_end").notNull().default("08:00"),
  smsReminderOffsetsMinutes: integer("sms_reminder_offsets_minutes").array().notNull().default([1440, 120]),
  smsTemplates: jsonb("sms_templates").$type<SmsTemplateOverrides>().notNull().default({}),
  smsEnabledAt: timestamp("sms_enabled_at", { withTimezone: true }),
  /** Organisation erasure (decision 022): asked for by an owner, carried out by the privacy job at erasure_due_at. */
  erasureRequestedAt: timestamp("erasure_requested_at", { withTimezone: true }),
  erasureRequestedBy: uuid("erasure_requested_by"),
  erasureDueAt: timestamp("erasure_due_at", { withTimezone: true }),
});

/** Per kind and language, the clinic's own wording of a text (placeholders as in the defaults). */
export type SmsTemplateOverrides = Partial<Record<string, Partial<Record<"en" | "ru", string>>>>;

export const memberRoles = ["owner", "admin", "member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const organisationMembers = pgTable(
  "organisation_members",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: memberRoles }).notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
);

export const profiles = pgTable("profiles", {
  id: uuid("id").primaryKey(),
  fullName: text("full_name"),
  clinicName: text("clinic_name"),
  /** The dashboard language the person chose ('en' | 'ru'); null → the browser's. */
  language: text("language", { enum: ["en", "ru"] }),
  ...timestamps,
});
