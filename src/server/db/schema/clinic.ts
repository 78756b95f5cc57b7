import { boolean, pgTable, smallint, text, time, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { timestamps } from "./columns";

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

export const intents = pgTable("intents", {
  ...tenant,
  name: text("name").notNull(),
  examplePhrases: text("example_phrases").array().notNull().default([]),
  responseEn: text("response_en"),
  responseRu: text("response_ru"),
  isActive: boolean("is_active").notNull().default(true),
  ...timestamps,
});

export const assistantSettings = pgTable("assistant_settings", {
  ...tenant,
  greetingEn: text("greeting_en"),
  greetingRu: text("greeting_ru"),
  transferNumber: text("transfer_number"),
  ...timestamps,
});

export const workingHours = pgTable("working_hours", {
  ...tenant,
  dayOfWeek: smallint("day_of_week").notNull(),
  opensAt: time("opens_at"),
  closesAt: time("closes_at"),
  isClosed: boolean("is_closed").notNull().default(false),
  ...timestamps,
});

export const assistants = pgTable("assistants", {
  ...tenant,
  vapiAssistantId: text("vapi_assistant_id"),
  name: text("name"),
  ...timestamps,
});
