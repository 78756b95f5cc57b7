import { z } from "zod";
import { DATE_RANGE_HINT, isCalendarDate, isInstant } from "@/shared/input-dates";
import { normalisePhoneNumber } from "@/shared/phone-number";

/** Request shapes of the calendar API (snake_case), beside the operations that use them. */

/** The widest range freebusy and the appointment list answer for, as in the seed. */
const MAX_RANGE_DAYS = 62;
const DAY_MS = 24 * 60 * 60_000;

const Instant = (what: string) =>
  z
    .string({ message: `${what} is required, as an ISO 8601 date-time with offset` })
    .refine(isInstant, {
      message: `${what} must be an ISO 8601 date-time with an offset, like 2026-03-10T09:00:00+00:00, ${DATE_RANGE_HINT}`,
    })
    .transform((value) => new Date(value));

const LocalDate = z
  .string({ message: "date is required, as YYYY-MM-DD" })
  .refine(isCalendarDate, { message: `must be a date like 2026-03-10, ${DATE_RANGE_HINT}` });

const DurationMinutes = z.coerce
  .number({ message: "must be a number of minutes" })
  .int({ message: "must be a whole number of minutes" })
  .min(5, { message: "must be at least 5 minutes" })
  .max(480, { message: "must be at most 480 minutes (8 hours)" });

function withinRange<T extends { start: Date; end: Date }>(value: T, ctx: z.RefinementCtx, fields: [string, string]) {
  if (!(value.start instanceof Date) || !(value.end instanceof Date)) return;
  if (value.end <= value.start) ctx.addIssue({ code: "custom", path: [fields[1]], message: `must be after ${fields[0]}` });
  else if (value.end.getTime() - value.start.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    ctx.addIssue({ code: "custom", path: [fields[1]], message: `must be at most ${MAX_RANGE_DAYS} days after ${fields[0]}` });
  }
}

export const FreeBusyQuery = z
  .object({ timeMin: Instant("timeMin"), timeMax: Instant("timeMax") })
  .transform(({ timeMin, timeMax }) => ({ start: timeMin, end: timeMax }))
  .superRefine((range, ctx) => withinRange(range, ctx, ["timeMin", "timeMax"]));

export const SlotsQuery = z.object({
  date: LocalDate,
  duration_minutes: DurationMinutes.optional(),
});

export const AppointmentsQuery = z
  .object({ from: Instant("from").optional(), to: Instant("to").optional() })
  .transform(({ from, to }, ctx) => {
    const start = from ?? new Date(Date.now() - DAY_MS);
    const end = to ?? new Date(start.getTime() + 31 * DAY_MS);
    withinRange({ start, end }, ctx, ["from", "to"]);
    return { from: start, to: end };
  });

const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .nullish()
    .transform((value) => (value ? value : null));

export const CreateAppointmentInput = z
  .object({
    summary: z.string({ message: "summary is required" }).trim().min(1, { message: "must not be empty" }).max(200),
    start: Instant("start"),
    end: Instant("end"),
    description: OptionalText(2000),
    customer_name: OptionalText(120),
    customer_phone: z
      .string()
      .trim()
      .nullish()
      .transform((value, ctx) => {
        if (!value) return null;
        const e164 = normalisePhoneNumber(value);
        if (!e164) {
          ctx.addIssue({ code: "custom", message: "must be a phone number in international format, like +442079460958" });
          return z.NEVER;
        }
        return e164;
      }),
    call_id: z.uuid({ message: "must be a call id" }).nullish(),
    idempotency_key: z.string().trim().min(1).max(200).nullish(),
  })
  .superRefine((value, ctx) => {
    // zod runs this even when a field failed: only compare two real instants.
    if (!(value.start instanceof Date) || !(value.end instanceof Date)) return;
    if (value.end <= value.start) ctx.addIssue({ code: "custom", path: ["end"], message: "must be after start" });
    else if (value.end.getTime() - value.start.getTime() > 8 * 60 * 60_000) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "must be at most 8 hours after start" });
    }
  });

/** PATCH /api/calendar/appointments/:id: cancel it, or mark (unmark) that the patient did not come. */
export const UpdateAppointmentInput = z.union(
  [
    z.object({ status: z.literal("cancelled", { message: 'only "cancelled" can be set' }) }).strict(),
    z.object({ no_show: z.boolean({ message: "must be true or false" }) }).strict(),
  ],
  { message: 'send {"status": "cancelled"} or {"no_show": true|false}' },
);

export const BookingSettingsInput = z
  .object({
    buffer_minutes: z.number().int().min(0).max(240),
    min_notice_minutes: z.number().int().min(0).max(20160),
    default_duration_minutes: z.number().int().min(5).max(480),
  })
  .partial()
  .strict();

/** Reads query parameters into an object for a zod schema. */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries());
}
