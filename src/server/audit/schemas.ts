import { z } from "zod";
import { DateBound } from "@/server/call-logs/date-range";
import { auditActions } from "@/shared/audit-actions";

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** Filters shared by the Audit page's list and its CSV export. */
const filterShape = {
  action: z.preprocess(blankAsUndefined, z.enum(auditActions, { message: "is not an action the audit log records" }).optional()),
  user_id: z.preprocess(blankAsUndefined, z.uuid({ message: "must be a person's id" }).optional()),
  from: z.preprocess(blankAsUndefined, DateBound.optional()),
  to: z.preprocess(blankAsUndefined, DateBound.optional()),
};

/** GET /api/audit */
export const AuditQuery = z.object({
  ...filterShape,
  limit: z.preprocess(
    blankAsUndefined,
    z.coerce.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1).max(100).default(50),
  ),
  cursor: z.preprocess(blankAsUndefined, z.string().max(200).optional()),
});
export type AuditQuery = z.output<typeof AuditQuery>;

/** GET /api/audit/export.csv */
export const AuditExportQuery = z.object(filterShape);
export type AuditExportQuery = z.output<typeof AuditExportQuery>;
