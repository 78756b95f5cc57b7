import type { Locale } from "@/i18n/locales";
import { translatorFor } from "@/server/i18n/translator";
import { utcToZoned } from "@/server/working-hours/zoned-time";
import type { Translate } from "@/shared/ended-reasons";

/**
 * A tool call of a conversation (the assistant's request and our answer to it), told as an event
 * in plain words for the transcript: "Checked free times for Mon 7 Dec: 09:30, 09:45, 10:00",
 * "Booked Mon 7 Dec 10:00 for Jane Doe". Never JSON: arguments are read for the facts they carry
 * and the answer is shown only when it is a sentence. Pure; times in the clinic's zone, words in
 * the reader's language (the answer itself is quoted as the assistant heard it).
 */
export interface ToolCallRecord {
  name: string;
  /** The arguments as the assistant sent them: an object, or the JSON string the schema says. */
  arguments: unknown;
  /** Our answer (the tool result), when one was recorded. */
  result?: unknown;
}

/** What kind of event it was, for the plain summary (which never reads the words back). */
export type ToolEventKind = "checked" | "booked" | "not_booked" | "other";

export interface ToolEvent {
  kind: ToolEventKind;
  text: string;
}

const MAX_TEXT = 240;
const intlLocales: Record<Locale, string> = { en: "en-GB", ru: "ru-RU" };

/** The event in plain words (English unless a language is given). */
export function describeToolEvent(call: ToolCallRecord, timeZone: string, locale: Locale = "en"): string {
  return toolEvent(call, timeZone, locale).text;
}

export function toolEvent(call: ToolCallRecord, timeZone: string, locale: Locale = "en"): ToolEvent {
  const words: Words = { t: translatorFor(locale), intlLocale: intlLocales[locale] };
  const args = readArguments(call.arguments);
  const answer = sentence(call.result);
  switch (call.name) {
    case "check_availability":
      return { kind: "checked", text: availabilityEvent(args, answer, words) };
    case "book_appointment":
      return bookingEvent(args, answer, timeZone, words);
    case "transferCall":
      return { kind: "other", text: words.t("transcriptEvents.transferred") };
    case "endCall":
      return { kind: "other", text: words.t("transcriptEvents.ended") };
    default: {
      const tool =
        call.name
          .replace(/[_-]+/g, " ")
          .replace(/([a-z])([A-Z])/g, "$1 $2")
          .toLowerCase()
          .trim() || "tool";
      const head = words.t("transcriptEvents.usedTool", { tool });
      return { kind: "other", text: answer ? words.t("transcriptEvents.withDetail", { head, detail: answer }) : head };
    }
  }
}

interface Words {
  t: Translate;
  intlLocale: string;
}

function availabilityEvent(args: Record<string, unknown>, answer: string | null, { t, intlLocale }: Words): string {
  const date = typeof args.date === "string" ? shortDate(args.date, intlLocale) : null;
  const head = date ? t("transcriptEvents.checkedDay", { date }) : t("transcriptEvents.checked");
  const detail = (text: string) => t("transcriptEvents.withDetail", { head, detail: text });
  if (answer === null) return t("transcriptEvents.noAnswer", { head });
  if (/not available right now|calendar is not connected/i.test(answer)) return detail(t("transcriptEvents.calendarNotConnected"));
  const free = /^(?:Free times|Свободное время):\s*(.+?)\.?$/s.exec(answer);
  if (free) return detail(slotList(free[1]!, typeof args.date === "string" ? shortDate(args.date, "en-GB") : null, intlLocale));
  const later = /(?:The nearest free times after it|Ближайшее свободное время):\s*(.+?)\.?$/s.exec(answer);
  if (later) return detail(t("transcriptEvents.noneThatDay", { slots: slotList(later[1]!, null, intlLocale) }));
  if (/^(?:No free times on|На .* свободного времени нет)/.test(answer)) return detail(t("transcriptEvents.noneThatWeek"));
  return detail(answer);
}

function bookingEvent(args: Record<string, unknown>, answer: string | null, timeZone: string, { t, intlLocale }: Words): ToolEvent {
  const when = typeof args.start === "string" ? shortDateTime(args.start, timeZone, intlLocale) : null;
  const name = typeof args.customer_name === "string" && args.customer_name.trim() ? args.customer_name.trim().slice(0, 120) : null;
  const what = [when, name && t("transcriptEvents.forName", { name })].filter(Boolean).join(" ");
  if (answer !== null && /^(?:Booked|Записано)(?=[:\s])/.test(answer)) {
    return { kind: "booked", text: what ? t("transcriptEvents.booked", { what }) : t("transcriptEvents.bookedAppointment") };
  }
  if (answer === null) {
    return { kind: "other", text: what ? t("transcriptEvents.triedToBook", { what }) : t("transcriptEvents.triedToBookAppointment") };
  }
  const head = what ? t("transcriptEvents.couldNotBook", { what }) : t("transcriptEvents.couldNotBookAppointment");
  const reason = /not available right now|calendar is not connected/i.test(answer) ? t("transcriptEvents.calendarNotConnected") : answer;
  return { kind: "not_booked", text: t("transcriptEvents.withDetail", { head, detail: reason }) };
}

/** "Tuesday 10 March at 09:00 and 09:30, or Wednesday 11 March at 10:00 (Europe/London, UTC+00:00)" → "09:00, 09:30, Wed 11 Mar 10:00". */
function slotList(spoken: string, sameDay: string | null, intlLocale: string): string {
  const list = spoken.replace(/\s*\([^()]*\)\s*$/, "");
  const parts = list.split(/,? or |,? или /);
  const out: string[] = [];
  for (const part of parts) {
    const match = /^(.+?)\s+(?:at|в)\s+(.+)$/s.exec(part.trim());
    if (!match) {
      out.push(part.trim());
      continue;
    }
    const spokenDay = match[1]!.trim();
    const day = shortSpokenDay(spokenDay, "en-GB");
    const shown = shortSpokenDay(spokenDay, intlLocale);
    const times = match[2]!.match(/\d{1,2}:\d{2}/g) ?? [];
    out.push(times.map((time, index) => (day === sameDay || index > 0 ? time : `${shown} ${time}`)).join(", "));
  }
  return out.filter(Boolean).join(", ");
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "Monday 7 December" → "Mon 7 Dec" ("пн 7 дек."); days spoken in other languages unchanged. */
function shortSpokenDay(day: string, intlLocale: string): string {
  const match = /^([A-Z][a-z]+)\s+(\d{1,2})\s+([A-Z][a-z]+)$/.exec(day);
  const month = match ? MONTH_NAMES.indexOf(match[3]!.toLowerCase()) : -1;
  if (!match || month < 0) return day;
  // The spoken day names no year: any year gives the same day and month; the weekday is the one said.
  const weekday = match[1]!.slice(0, 3);
  const shortMonth = new Intl.DateTimeFormat(intlLocale, { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2026, month, 1)));
  return intlLocale === "en-GB" ? `${weekday} ${match[2]} ${shortMonth}` : `${match[2]} ${shortMonth}`;
}

/** "2026-12-07" → "Mon 7 Dec" ("пн, 7 дек."); a calendar date: no zone. */
function shortDate(date: string, intlLocale: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return null;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(at.getTime()) || at.getUTCDate() !== Number(match[3])) return null;
  return new Intl.DateTimeFormat(intlLocale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })
    .format(at)
    .replace(",", "");
}

/** An ISO start → "Mon 7 Dec 10:00" on the clinic's clock; a local time without offset is read as written. */
function shortDateTime(value: string, timeZone: string, intlLocale: string): string | null {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (local) {
    const day = shortDate(local[1]!, intlLocale);
    return day ? `${day} ${local[2]}` : null;
  }
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim()) || Number.isNaN(instant.getTime())) return null;
  try {
    const zoned = utcToZoned(instant, timeZone);
    return `${shortDate(zoned.date, intlLocale)} ${zoned.time}`;
  } catch {
    return null;
  }
}

function readArguments(value: unknown): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (typeof value !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The answer when it is words; JSON, empty or missing → null (the event says what it can without it). */
function sentence(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.replace(/\s+/g, " ").trim();
  if (!text || /^[[{]/.test(text)) return null;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
