import { pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { timestamps } from "./columns";

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  selectedVoiceAgentId: text("selected_voice_agent_id"),
  /** IANA timezone; working hours, slots and analytics are computed in it. */
  timezone: text("timezone").notNull().default("UTC"),
  ...timestamps,
});

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
  ...timestamps,
});
