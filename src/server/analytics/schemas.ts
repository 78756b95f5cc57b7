import { z } from "zod";
import { DateBound } from "@/server/call-logs/date-range";

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const granularities = ["day", "week"] as const;
export type Granularity = (typeof granularities)[number];

/** GET /api/analytics: without a range, the last 30 days of the clinic's calendar (today included). */
export const AnalyticsQuery = z.object({
  from: z.preprocess(blankAsUndefined, DateBound.optional()),
  to: z.preprocess(blankAsUndefined, DateBound.optional()),
  granularity: z.preprocess(blankAsUndefined, z.enum(granularities, { message: "must be day or week" }).default("day")),
});
export type AnalyticsQuery = z.output<typeof AnalyticsQuery>;

/** The longest range analytics answers in one request. */
export const MAX_RANGE_DAYS = 731;
export const DEFAULT_RANGE_DAYS = 30;
