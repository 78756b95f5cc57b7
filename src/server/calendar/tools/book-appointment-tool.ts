import { eq } from "drizzle-orm";
import { z } from "zod";
import { serviceActor } from "@/server/actor";
import { ToolError, type ToolHandler } from "@/server/calls/tools/tool-handler";
import { transactionFor } from "@/server/db/access";
import { organisations } from "@/server/db/schema";
import { utcToZoned, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { isCalendarDate } from "@/shared/input-dates";
import { type BookingResult, bookAppointment, type UnavailableReason } from "../book-appointment";
import { CalendarNotConnectedError } from "../calendar-not-connected";
import { addMinutes } from "../intervals";
import { spokenDay, spokenSlots, type ToolLanguage, toolLanguage } from "./spoken-times";
import { NOT_BOOKABLE } from "./tool-messages";

const Args = z.object({
  start: z.string().trim().min(1),
  customer_name: z.string().trim().min(1).max(120),
  reason: z.string().trim().max(200).optional(),
});

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;

/**
 * `book_appointment {start, customer_name, reason?}`: books the clinic's default length at
 * `start` for the caller (their number and the call come from the call, never the arguments).
 * A retried tool call (same Vapi tool-call id) returns the first booking. A time that cannot be
 * booked is an answer, not an error: "that time was just taken" with the nearest free times.
 */
export const bookAppointmentTool: ToolHandler = async (args, context) => {
  const parsed = Args.safeParse(args);
  if (!parsed.success) throw new ToolError("I need the start time (ISO 8601, with the date) and the caller's name.");
  const { start: rawStart, customer_name: customerName, reason } = parsed.data;
  const actor = serviceActor(context.organisationId);
  const [organisation] = await transactionFor(actor, (tx) =>
    tx
      .select({ timezone: organisations.timezone, duration: organisations.bookingDefaultDurationMinutes })
      .from(organisations)
      .where(eq(organisations.id, context.organisationId)),
  );
  if (!organisation) throw new ToolError(NOT_BOOKABLE);
  const start = parseStart(rawStart, organisation.timezone);
  if (!start) throw new ToolError("I could not read the start time; use a date and time like 2026-03-10T09:30:00+00:00.");

  let result: BookingResult;
  try {
    result = await bookAppointment(
      actor,
      {
        summary: reason ? `${reason} – ${customerName}` : `Appointment – ${customerName}`,
        start,
        end: addMinutes(start, organisation.duration),
        description: reason ? `Reason: ${reason}` : null,
        customerName,
        customerPhone: context.callerNumber,
        callId: context.callId,
        idempotencyKey: `vapi-tool-call:${context.toolCallId}`,
        enforceMinimumNotice: true,
        via: "phone",
      },
      new Date(),
    );
  } catch (error) {
    if (error instanceof CalendarNotConnectedError) throw new ToolError(NOT_BOOKABLE);
    throw error;
  }
  const timezone = result.context.hours.timezone;
  const language = toolLanguage(result.context.language);
  if (result.outcome === "booked") {
    const at = result.appointment.startAt;
    const when = `${spokenDay(at, timezone, language)} ${language === "ru" ? "в" : "at"} ${utcToZoned(at, timezone).time} (${timezone})`;
    return language === "ru"
      ? `Записано: ${customerName}, ${when}.`
      : `Booked: ${customerName} on ${when}. The clinic has it in its calendar.`;
  }
  return refusal(result.reason, spokenSlots(result.nearest, timezone, language), language);
};

export function parseStart(value: string, timeZone: string): Date | null {
  if (!isCalendarDate(value.slice(0, 10))) return null;
  if (WITH_OFFSET.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const local = LOCAL.exec(value);
  if (!local) return null;
  try {
    return zonedDateTimeToUtc(local[1]!, local[2]!, timeZone);
  } catch {
    return null;
  }
}

const refusals: Record<ToolLanguage, Record<UnavailableReason, string>> = {
  en: {
    taken: "That time was just taken.",
    outside_hours: "That time is outside the clinic's opening hours.",
    too_soon: "That time is too soon to book.",
    in_the_past: "That time has already passed.",
  },
  ru: {
    taken: "Это время только что заняли.",
    outside_hours: "Это время вне часов работы клиники.",
    too_soon: "На это время уже нельзя записаться: слишком скоро.",
    in_the_past: "Это время уже прошло.",
  },
};

export function refusal(reason: UnavailableReason, alternatives: string, language: ToolLanguage): string {
  const first = refusals[language][reason];
  if (!alternatives) return language === "ru" ? `${first} Свободного времени рядом нет.` : `${first} There is no free time nearby.`;
  return language === "ru"
    ? `${first} Ближайшее свободное время: ${alternatives}.`
    : `${first} The nearest free times are ${alternatives}.`;
}
