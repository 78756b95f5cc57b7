import { z } from "zod";
import { type CallStatus, callStatuses } from "@/server/db/schema";
import { callOutcomes } from "@/shared/ended-reasons";
import { DateBound } from "./date-range";

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** "ended" or "ended,failed": one or more call statuses. */
const StatusList = z.string().transform((value, ctx) => {
  const parts = [
    ...new Set(
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
  const known = new Set<string>(callStatuses);
  if (parts.length === 0 || parts.some((part) => !known.has(part))) {
    ctx.addIssue({ code: "custom", message: `must be one or more of ${callStatuses.join(", ")}, separated by commas` });
    return z.NEVER;
  }
  return parts as CallStatus[];
});

/** Filters shared by the list and the CSV export. */
const filterShape = {
  from: z.preprocess(blankAsUndefined, DateBound.optional()),
  to: z.preprocess(blankAsUndefined, DateBound.optional()),
  status: z.preprocess(blankAsUndefined, StatusList.optional()),
  /** What became of the call (see public.call_outcome). */
  outcome: z.preprocess(blankAsUndefined, z.enum(callOutcomes, { message: `must be one of ${callOutcomes.join(", ")}` }).optional()),
  /** Part of the caller's number or of the transcript. */
  q: z.preprocess(blankAsUndefined, z.string().trim().max(100, { message: "Search for at most 100 characters." }).optional()),
};

/** GET /api/call-logs */
export const CallLogsQuery = z.object({
  ...filterShape,
  limit: z.preprocess(
    blankAsUndefined,
    z.coerce.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1).max(100).default(25),
  ),
  cursor: z.preprocess(blankAsUndefined, z.string().max(400).optional()),
});
export type CallLogsQuery = z.output<typeof CallLogsQuery>;

/** GET /api/call-logs/export.csv */
export const CallLogsExportQuery = z.object(filterShape);
export type CallLogsExportQuery = z.output<typeof CallLogsExportQuery>;

export type CallLogFilters = Pick<CallLogsQuery, "from" | "to" | "status" | "outcome" | "q">;

/** The query string as an object; a repeated key keeps its last value. */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
