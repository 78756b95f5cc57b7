import { z } from "zod";
import { serviceActor } from "@/server/actor";
import { ToolError, type ToolHandler } from "@/server/calls/tools/tool-handler";
import { zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { isCalendarDate } from "@/shared/input-dates";
import { TIME_OF_DAY } from "@/shared/time-of-day";
import { nearestSlots, spreadSlots } from "../find-free-slots";
import { findNearestSlots } from "../find-nearest-slots";
import { addMinutes } from "../intervals";
import { listFreeSlots } from "../list-free-slots";
import { spokenDay, spokenSlots, toolLanguage } from "./spoken-times";
import { NOT_BOOKABLE } from "./tool-messages";

const MAX_TIMES = 5;

const Args = z.object({
  date: z.string().trim().refine(isCalendarDate),
  preferred_time: z.string().trim().optional(),
  duration_minutes: z.coerce.number().int().min(5).max(480).optional(),
});

/**
 * `check_availability {date, preferred_time?, duration_minutes?}`: up to five free times on that
 * date in the clinic's zone and language, nearest the preferred time or spread over the day;
 * on a full or closed day, the nearest free times after it.
 */
export const checkAvailabilityTool: ToolHandler = async (args, context) => {
  const parsed = Args.safeParse(args);
  if (!parsed.success) throw new ToolError("I need the date as YYYY-MM-DD (and a duration between 5 and 480 minutes, if any).");
  const { date, preferred_time: preferredTime, duration_minutes: durationMinutes } = parsed.data;
  const now = new Date();
  const actor = serviceActor(context.organisationId);
  const result = await listFreeSlots(actor, { date, durationMinutes, now });
  const { context: booking, timezone } = result;
  // No calendar, or Google just refused the clinic's token (the connection is now disconnected).
  if (!booking.calendarId || result.google === "not_connected") throw new ToolError(NOT_BOOKABLE);
  const language = toolLanguage(booking.language);
  const preferred = preferredTime && TIME_OF_DAY.test(preferredTime) ? zonedDateTimeToUtc(date, preferredTime, timezone) : undefined;

  if (result.slots.length > 0) {
    const chosen = preferred ? nearestSlots(result.slots, preferred, MAX_TIMES) : spreadSlots(result.slots, MAX_TIMES);
    return language === "ru"
      ? `Свободное время: ${spokenSlots(chosen, timezone, language)}.`
      : `Free times: ${spokenSlots(chosen, timezone, language)}.`;
  }

  const around = preferred ?? zonedDateTimeToUtc(date, "09:00", timezone);
  const later = await findNearestSlots(actor, booking, {
    around,
    durationMinutes: result.durationMinutes,
    earliestStart: new Date(Math.max(addMinutes(now, booking.rules.minNoticeMinutes).getTime(), around.getTime())),
    now,
    count: MAX_TIMES,
    skipGoogle: result.google === "unavailable",
  });
  const day = spokenDay(around, timezone, language);
  if (language === "ru") {
    return later.length > 0
      ? `На ${day} свободного времени нет. Ближайшее свободное время: ${spokenSlots(later, timezone, language)}.`
      : `На ${day} и в ближайшую неделю свободного времени нет.`;
  }
  return later.length > 0
    ? `No free times on ${day}. The nearest free times after it: ${spokenSlots(later, timezone, language)}.`
    : `No free times on ${day} or in the week after it.`;
};
