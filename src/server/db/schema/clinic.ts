import { boolean, date, integer, jsonb, pgTable, smallint, text, time, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

/** Columns every organisation-scoped table has. `user_id` is "created by", kept from the baseline. */
const tenant = {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  userId: uuid("user_id"),
};

export const phoneNumbers = pgTable("phone_numbers", {
  ...tenant,
  phoneNumber: text("phone_number").notNull(),
  label: text("label"),
  isActive: boolean("is_active").notNull().default(true),
  vapiPhoneNumberId: text("vapi_phone_number_id"),
  ...timestamps,
});

export const intentActions = ["answer", "book_appointment", "transfer_to_human", "take_message"] as const;
export type IntentAction = (typeof intentActions)[number];

export const intents = pgTable("intents", {
  ...tenant,
  name: text("name").notNull(),
  examplePhrases: text("example_phrases").array().notNull().default([]),
  responseEn: text("response_en"),
  responseRu: text("response_ru"),
  action: text("action", { enum: intentActions }).notNull().default("answer"),
  position: integer("position").notNull().default(0),
  isActive: boolean("is_active").notNull().default(true),
  ...timestamps,
});

export const assistantSettings = pgTable("assistant_settings", {
  ...tenant,
  greetingEn: text("greeting_en"),
  greetingRu: text("greeting_ru"),
  /** Always null since 20261207004100: where calls go is call_routing's (decision 019). */
  transferNumber: text("transfer_number"),
  defaultLanguage: text("default_language", { enum: ["en", "ru", "auto"] })
    .notNull()
    .default("auto"),
  afterHoursBehaviour: text("after_hours_behaviour", { enum: ["take_message", "inform_and_end"] })
    .notNull()
    .default("take_message"),
  recordingDisclosureEnabled: boolean("recording_disclosure_enabled").notNull().default(true),
  // Defaults mirror the migration's (20260103000000_clinic_configuration.sql), which is what applies.
  recordingDisclosureText: text("recording_disclosure_text").notNull().default("This call may be recorded to help us look after you."),
  maxCallMinutes: integer("max_call_minutes").notNull().default(10),
  /** Redact card numbers, national ids, emails and dates of birth from stored call text (src/server/privacy/redact.ts). */
  redactPersonalData: boolean("redact_personal_data").notNull().default(false),
  /** The consent sentence in Russian (null: ours); recording_disclosure_text is the English one. */
  recordingConsentTextRu: text("recording_consent_text_ru"),
  /** How the consent sentence is spoken: Vapi's recordingConsentPlan, or opening the first message. */
  consentDelivery: text("consent_delivery", { enum: ["vapi", "first_message"] })
    .notNull()
    .default("vapi"),
  /** Vapi compliancePlan: 'hipaa' when the clinic has Vapi's Enterprise plan or HIPAA add-on. */
  complianceMode: text("compliance_mode", { enum: ["standard", "hipaa"] })
    .notNull()
    .default("standard"),
  emergencyMessage: text("emergency_message")
    .notNull()
    .default("If this is a medical emergency, please hang up and call your local emergency number now."),
  ...timestamps,
});

export const workingHours = pgTable("working_hours", {
  ...tenant,
  dayOfWeek: smallint("day_of_week").notNull(),
  /** "HH:MM:SS"; a range to midnight closes at "24:00:00". */
  opensAt: time("opens_at").notNull(),
  closesAt: time("closes_at").notNull(),
  isClosed: boolean("is_closed").notNull().default(false),
  ...timestamps,
});

export const assistants = pgTable("assistants", {
  ...tenant,
  vapiAssistantId: text("vapi_assistant_id"),
  name: text("name"),
  ...timestamps,
});

export interface TimeRange {
  opens_at: string;
  closes_at: string;
}

/** A holiday (closed) or special hours on one local date of the clinic. */
export const workingHoursExceptions = pgTable("working_hours_exceptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  date: date("date").notNull(),
  closed: boolean("closed").notNull().default(false),
  ranges: jsonb("ranges").$type<TimeRange[]>().notNull().default([]),
  label: text("label"),
  userId: uuid("user_id"),
  ...timestamps,
});
