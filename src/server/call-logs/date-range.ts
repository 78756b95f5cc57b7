import { z } from "zod";
import { DomainError } from "@/server/errors";
import { addDays, parseLocalDate, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { DATE_RANGE_HINT, isCalendarDate, isInstant } from "@/shared/input-dates";

/**
 * `from` / `to` query parameters: a local date of the clinic ("2026-03-08", a whole day in the
 * clinic's timezone; `to` includes that day) or an exact instant with its offset
 * ("2026-03-08T09:30:00Z"). Resolved to a half-open UTC range [from, to).
 */
export const DateBound = z
  .string()
  .trim()
  .refine((value) => isCalendarDate(value) || isInstant(value), {
    message: `must be a date (YYYY-MM-DD) or a date-time with its offset (2026-03-08T09:30:00Z), ${DATE_RANGE_HINT}`,
  });

export interface InstantRange {
  from?: Date;
  to?: Date;
}

function isLocalDate(value: string): boolean {
  return parseLocalDate(value) !== null;
}

/** Start of `value` (a local date means its first instant in `timeZone`). */
export function lowerBound(value: string, timeZone: string): Date {
  return isLocalDate(value) ? zonedDateTimeToUtc(value, "00:00", timeZone) : new Date(value);
}

/** End of `value`, exclusive (a local date means the first instant of the next day). */
export function upperBound(value: string, timeZone: string): Date {
  return isLocalDate(value) ? zonedDateTimeToUtc(addDays(value, 1), "00:00", timeZone) : new Date(value);
}

export const invalidRange = (message: string) => new DomainError("invalid_input", message, { fields: [{ path: "to", message }] });

/** Resolves the bounds in the clinic's timezone; `from` must come before `to`. */
export function resolveRange(input: { from?: string; to?: string }, timeZone: string): InstantRange {
  const from = input.from === undefined ? undefined : lowerBound(input.from, timeZone);
  const to = input.to === undefined ? undefined : upperBound(input.to, timeZone);
  if (from && to && from.getTime() >= to.getTime()) throw invalidRange("`from` must be before `to`.");
  return { from, to };
}
