import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

/** The append-only audit log (migration 20261207007000_audit_events.sql, decision 021). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").notNull().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: "audit_events_pkey", columns: [table.organisationId, table.id] })],
);

/** Per-clinic retention (migration 20261207007100_retention.sql); null days = forever. */
export const retentionSettings = pgTable("retention_settings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  recordingsDays: integer("recordings_days"),
  transcriptsDays: integer("transcripts_days"),
  metadataDays: integer("metadata_days"),
  auditLogDays: integer("audit_log_days").notNull().default(2192),
  updatedBy: uuid("updated_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
