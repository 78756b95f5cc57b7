import { customType, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const dataExportStatuses = ["pending", "ready", "failed"] as const;
export type DataExportStatus = (typeof dataExportStatuses)[number];

/** A clinic's data export (migration 20261207008000): owners request, the privacy.export job builds the zip. */
export const dataExports = pgTable("data_exports", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  requestedBy: uuid("requested_by"),
  status: text("status", { enum: dataExportStatuses }).notNull().default("pending"),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  fileName: text("file_name"),
  sizeBytes: integer("size_bytes"),
  content: bytea("content"),
  ...timestamps,
});
