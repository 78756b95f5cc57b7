import { z } from "zod";
import { DATE_RANGE_HINT, isCalendarDate, isInstant } from "@/shared/input-dates";
import { minutesOfDay, TIME_OF_DAY } from "@/shared/time-of-day";
import { canonicalTimeZone } from "@/shared/time-zone-name";

/** Rules shared by the API and the Working hours page. */
export const HOURS_LIMITS = { rangesPerDay: 12, exceptions: 400, labelMax: 120 } as const;

export const TimeZoneName = z
  .string({ message: "Choose the clinic's timezone." })
  .trim()
  .transform((name, ctx) => {
    const canonical = canonicalTimeZone(name);
    if (!canonical) {
      ctx.addIssue({ code: "custom", message: "must be an IANA timezone, like Europe/London or America/New_York" });
      return z.NEVER;
    }
    return canonical;
  });

const TimeOfDay = z
  .string({ message: 'must be a time like "09:00"' })
  .regex(TIME_OF_DAY, { message: 'must be a time from "00:00" to "24:00", like "09:00"' });

/** Both ends are valid times (zod still runs refinements after a field's own check failed). */
const wellFormed = (r: { opens_at: string; closes_at: string }) => TIME_OF_DAY.test(r.opens_at) && TIME_OF_DAY.test(r.closes_at);

const TimeRangeInput = z
  .object({ opens_at: TimeOfDay, closes_at: TimeOfDay })
  .refine((r) => !wellFormed(r) || minutesOfDay(r.opens_at) < minutesOfDay(r.closes_at), {
    path: ["closes_at"],
    message: "must be later than the opening time (use 24:00 for midnight)",
  });

const Ranges = z
  .array(TimeRangeInput, { message: "Send ranges as a list." })
  .max(HOURS_LIMITS.rangesPerDay, { message: `Use at most ${HOURS_LIMITS.rangesPerDay} ranges a day.` })
  .superRefine((ranges, ctx) => {
    const order = ranges
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => wellFormed(r))
      .map(({ r, i }) => ({ i, opens: minutesOfDay(r.opens_at), closes: minutesOfDay(r.closes_at) }));
    order.sort((a, b) => a.opens - b.opens);
    for (let k = 1; k < order.length; k++) {
      if (order[k]!.opens < order[k - 1]!.closes) {
        ctx.addIssue({ code: "custom", path: [order[k]!.i, "opens_at"], message: "overlaps another range on this day" });
      }
    }
  });

const LocalDate = z
  .string({ message: 'must be a date like "2026-12-25"' })
  .refine(isCalendarDate, { message: `must be a date like "2026-12-25", ${DATE_RANGE_HINT}` });

const DayInput = z.object({
  day_of_week: z
    .number({ message: "must be 0 (Sunday) to 6 (Saturday)" })
    .int({ message: "must be 0 (Sunday) to 6 (Saturday)" })
    .min(0, { message: "must be 0 (Sunday) to 6 (Saturday)" })
    .max(6, { message: "must be 0 (Sunday) to 6 (Saturday)" }),
  ranges: Ranges,
});

/** `{date, closed: true}` (a holiday) or `{date, ranges: [...]}` (special hours that day). */
const ExceptionInput = z
  .object({
    date: LocalDate,
    closed: z.boolean({ message: "must be true or false" }).default(false),
    ranges: Ranges.default([]),
    label: z
      .string({ message: "must be text" })
      .trim()
      .max(HOURS_LIMITS.labelMax, { message: `Keep the label under ${HOURS_LIMITS.labelMax} characters.` })
      .nullish()
      .transform((value) => value || null),
  })
  .superRefine((exception, ctx) => {
    if (exception.closed && exception.ranges.length > 0) {
      ctx.addIssue({ code: "custom", path: ["ranges"], message: "a closed day has no opening hours; remove them or set closed to false" });
    }
    if (!exception.closed && exception.ranges.length === 0) {
      ctx.addIssue({ code: "custom", path: ["ranges"], message: "add opening hours for this date, or mark it closed" });
    }
  });

function uniqueBy<T>(key: (item: T) => string | number, message: string) {
  return (items: T[], ctx: z.RefinementCtx<T[]>) => {
    const seen = new Set<string | number>();
    items.forEach((item, i) => {
      if (seen.has(key(item))) ctx.addIssue({ code: "custom", path: [i], message });
      seen.add(key(item));
    });
  };
}

/**
 * PUT /api/working-hours replaces the timezone, the whole week (a weekday left out is closed)
 * and every exception.
 */
export const WorkingHoursInput = z.object({
  timezone: TimeZoneName,
  days: z
    .array(DayInput, { message: "Send the week as a list of days." })
    .max(7)
    .superRefine(uniqueBy((d) => d.day_of_week, "this weekday is listed twice")),
  exceptions: z
    .array(ExceptionInput, { message: "Send exceptions as a list (it may be empty)." })
    .max(HOURS_LIMITS.exceptions, { message: `Use at most ${HOURS_LIMITS.exceptions} exceptions.` })
    .superRefine(uniqueBy((e) => e.date, "this date is listed twice")),
});
export type WorkingHoursInput = z.output<typeof WorkingHoursInput>;

/** GET /api/working-hours/status?at=2026-03-08T14:00:00Z (an offset is required; default now). */
export const StatusQuery = z.object({
  at: z
    .string()
    .refine(isInstant, { message: `must be an ISO date-time with Z or an offset, ${DATE_RANGE_HINT}` })
    .optional(),
});
