import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

export const smsConsentStates = ["unknown", "granted", "revoked"] as const;
export type SmsConsent = (typeof smsConsentStates)[number];

/**
 * A patient of one clinic, keyed by phone number (E.164): the same number in two clinics is two
 * patients. Written by the incoming-call webhook and bookings; staff edit name, notes, language
 * and SMS consent. `sms_opted_out_at` mirrors Twilio's opt-out and only Twilio's signals move it.
 */
export const patients = pgTable("patients", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  phoneNumber: text("phone_number").notNull(),
  name: text("name"),
  otherNames: text("other_names").array().notNull().default([]),
  preferredLanguage: text("preferred_language", { enum: ["en", "ru"] }),
  notes: text("notes"),
  smsConsent: text("sms_consent", { enum: smsConsentStates }).notNull().default("unknown"),
  smsOptedOutAt: timestamp("sms_opted_out_at", { withTimezone: true }),
  firstCallAt: timestamp("first_call_at", { withTimezone: true }),
  lastCallAt: timestamp("last_call_at", { withTimezone: true }),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  ...timestamps,
});

export type Patient = typeof patients.$inferSelect;
