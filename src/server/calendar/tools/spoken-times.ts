import { utcToZoned } from "@/server/working-hours/zoned-time";
import type { Interval } from "../intervals";

/**
 * How the booking tools write times for the assistant to say: the clinic's local wall clock,
 * grouped by day, in the assistant's language. One line each.
 */
export type ToolLanguage = "en" | "ru";

export function toolLanguage(setting: "en" | "ru" | "auto"): ToolLanguage {
  return setting === "ru" ? "ru" : "en";
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Tuesday 10 March" / "вторник, 10 марта", in the clinic's zone. */
export function spokenDay(instant: Date, timeZone: string, language: ToolLanguage): string {
  const key = `${language}|${timeZone}`;
  let formatter = dayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language === "ru" ? "ru-RU" : "en-GB", {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
    });
    dayFormatters.set(key, formatter);
  }
  return formatter.format(instant);
}

/** "UTC+01:00" */
function utcOffsetLabel(instant: Date, timeZone: string): string {
  const minutes = utcToZoned(instant, timeZone).offsetMinutes;
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function joinList(items: string[], language: ToolLanguage, last: "and" | "or" = "and"): string {
  if (items.length <= 1) return items.join("");
  const word = language === "ru" ? (last === "and" ? "и" : "или") : last;
  return `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`;
}

/**
 * "Tuesday 10 March at 09:00 and 09:30, or Wednesday 11 March at 10:00 (Europe/London, UTC+00:00)".
 * A time whose offset differs from the first one's (a DST change inside the list) carries its own.
 */
export function spokenSlots(slots: Interval[], timeZone: string, language: ToolLanguage): string {
  if (slots.length === 0) return "";
  const firstOffset = utcOffsetLabel(slots[0]!.start, timeZone);
  const days = new Map<string, string[]>();
  for (const slot of slots) {
    const offset = utcOffsetLabel(slot.start, timeZone);
    const time = utcToZoned(slot.start, timeZone).time + (offset === firstOffset ? "" : ` (${offset})`);
    const day = spokenDay(slot.start, timeZone, language);
    days.set(day, [...(days.get(day) ?? []), time]);
  }
  const at = language === "ru" ? "в" : "at";
  const parts = [...days].map(([day, times]) => `${day} ${at} ${joinList(times, language)}`);
  return `${joinList(parts, language, "or")} (${timeZone}, ${firstOffset})`;
}
