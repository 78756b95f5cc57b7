import { z } from "zod";

export const DEFAULT_AUDIT_LOG_DAYS = 2192;

const Days = z.union([z.literal(30), z.literal(90), z.literal(365), z.null()], { message: "must be 30, 90, 365 or null (keep forever)" });

/** PUT /api/retention */
export const RetentionInput = z
  .object({
    recordings_days: Days,
    transcripts_days: Days,
    metadata_days: Days,
    audit_log_days: z
      .union([z.literal(2192), z.literal(2557), z.literal(3653)], { message: "must be 2192, 2557 or 3653 (6, 7 or 10 years)" })
      .default(DEFAULT_AUDIT_LOG_DAYS),
  })
  .strict();
export type RetentionInput = z.output<typeof RetentionInput>;

export interface RetentionJson {
  recordings_days: number | null;
  transcripts_days: number | null;
  metadata_days: number | null;
  audit_log_days: number;
  updated_at: string | null;
}

/** null (forever) counts as longer than any number of days. */
export const longer = (a: number | null, b: number | null) => (a ?? Number.POSITIVE_INFINITY) > (b ?? Number.POSITIVE_INFINITY);
