import { keywords, type PromptIntent, sameWord } from "./prompt-intents";

/**
 * Which of the assistant's function tools a caller's words call for, and with what arguments.
 * Deterministic: the same words, tools and clock give the same calls.
 *
 * - Booking words (book, appointment, schedule, записаться, приём, ...) or a matched intent whose
 *   Action names a booking tool → `check_availability`, then `book_appointment`.
 * - Availability words alone (available, free, slot, свободно, ...) → `check_availability`.
 * - Message words (message, call me back, сообщение, перезвоните, ...) or a matched intent whose
 *   Action is take_message → `take_message`.
 * - Only tools the assistant declares are called; none declared, none called.
 */

export interface FunctionTool {
  name: string;
  parameters?: unknown;
}

const BOOKING_WORDS = ["book", "booking", "appointment", "schedule", "reserve", "записаться", "запись", "записать", "приём", "прием"];
const AVAILABILITY_WORDS = ["available", "availability", "free", "slot", "slots", "свободно", "свободное", "свободные", "окно"];
const BOOKING_ACTIONS = ["book_appointment", "booking", "book"];
const MESSAGE_WORDS = ["message", "callback", "voicemail", "сообщение", "передайте", "перезвоните", "перезвонить"];
const MESSAGE_PHRASES = [/\bcall me back\b/i, /\bcall back\b/i];

export function toolsCalledFor(utterance: string, intent: PromptIntent | undefined, tools: readonly FunctionTool[]): FunctionTool[] {
  const words = keywords(utterance);
  const mentions = (list: string[]) => words.some((word) => list.some((known) => sameWord(word, known)));
  const wantsBooking = mentions(BOOKING_WORDS) || BOOKING_ACTIONS.includes(intent?.action?.toLowerCase() ?? "");
  const wantsAvailability = wantsBooking || mentions(AVAILABILITY_WORDS);
  const wantsMessage =
    !wantsBooking &&
    (mentions(MESSAGE_WORDS) ||
      MESSAGE_PHRASES.some((phrase) => phrase.test(utterance)) ||
      intent?.action?.toLowerCase() === "take_message");
  const names = [
    ...(wantsAvailability ? ["check_availability"] : []),
    ...(wantsBooking ? ["book_appointment"] : []),
    ...(wantsMessage ? ["take_message"] : []),
  ];
  return names.flatMap((name) => tools.filter((tool) => tool.name === name));
}

export interface ArgumentContext {
  utterance: string;
  intentName?: string;
  /** The conversation's clock and the clinic's time zone, for "tomorrow at 10". */
  now: Date;
  timeZone: string;
  customerNumber?: string;
  callerName: string;
  /** The date and time the conversation settled on (next open day, an offered time), over the words'. */
  date?: string;
  time?: string;
}

/**
 * Fills the properties of the tool's JSON Schema `parameters` that it recognises by name
 * (date, time, start, duration, name, phone, service, time zone) from the caller's words;
 * other required properties get the utterance (strings), 1 (numbers) or true (booleans).
 * Dates are local to the clinic; a start is ISO 8601 with the zone's offset, e.g.
 * `2026-03-11T10:00:00+00:00`.
 */
export function argumentsFor(tool: FunctionTool, context: ArgumentContext): Record<string, unknown> {
  const schema = isRecord(tool.parameters) ? tool.parameters : {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === "string") : [];
  const date = context.date ?? spokenDate(context);
  const time = context.time ?? spokenTime(context.utterance);
  const args: Record<string, unknown> = {};
  for (const [key, declared] of Object.entries(properties)) {
    const value = recognisedValue(key.toLowerCase(), { date, time, context });
    if (value !== undefined) args[key] = value;
    else if (required.includes(key)) args[key] = fallbackValue(isRecord(declared) ? declared.type : undefined, context.utterance);
  }
  return args;
}

function recognisedValue(key: string, { date, time, context }: { date: string; time: string; context: ArgumentContext }): unknown {
  if (/time_?zone/.test(key)) return context.timeZone;
  if (/start|date_?time|when|slot/.test(key)) return `${date}T${time}:00${utcOffset(date, time, context.timeZone)}`;
  if (/date|day/.test(key)) return date;
  if (/time|hour/.test(key)) return time;
  if (/duration|minutes|length/.test(key)) return 30;
  if (/phone|number/.test(key)) return context.customerNumber;
  if (/name/.test(key)) return context.callerName;
  if (/service|reason|purpose|type|description|summary|note/.test(key)) return context.intentName ?? context.utterance;
  return undefined;
}

function fallbackValue(type: unknown, utterance: string): unknown {
  if (type === "number" || type === "integer") return 1;
  if (type === "boolean") return true;
  return utterance;
}

const WEEKDAYS = [
  ["sunday", "воскресенье"],
  ["monday", "понедельник"],
  ["tuesday", "вторник"],
  ["wednesday", "среда", "среду"],
  ["thursday", "четверг"],
  ["friday", "пятница", "пятницу"],
  ["saturday", "суббота", "субботу"],
];

/** YYYY-MM-DD in the clinic's zone: an explicit date, today, the day after tomorrow, a weekday, else tomorrow. */
export function spokenDate({ utterance, now, timeZone }: Pick<ArgumentContext, "utterance" | "now" | "timeZone">): string {
  const text = utterance.toLowerCase();
  const explicit = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (explicit) return explicit[0];
  const today = localDate(now, timeZone);
  if (/day after tomorrow|послезавтра/.test(text)) return addDays(today, 2);
  if (/\btoday\b|сегодня/.test(text)) return today;
  const todayWeekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const spoken = WEEKDAYS.findIndex((names) => names.some((name) => text.includes(name)));
  if (spoken >= 0) return addDays(today, (spoken - todayWeekday + 7) % 7 || 7);
  return addDays(today, 1);
}

/** HH:MM from "at 10", "10:30", "3pm", "в 10"; 10:00 when no time is spoken. */
export function spokenTime(utterance: string): string {
  const text = utterance.toLowerCase();
  const match =
    /\b(\d{1,2}):(\d{2})\s*(am|pm)?/.exec(text) ??
    /\b(\d{1,2})\s*(am|pm)\b/.exec(text) ??
    /(?:\bat|(?:^|\s)в|(?:^|\s)к)\s+(\d{1,2})(?!\d)/.exec(text);
  if (!match) return "10:00";
  let hours = Number(match[1]);
  const minutes = match[2] && /^\d+$/.test(match[2]) ? Number(match[2]) : 0;
  const meridiem = match.find((part) => part === "am" || part === "pm");
  if (meridiem === "pm" && hours < 12) hours += 12;
  if (meridiem === "am" && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59) return "10:00";
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** "+HH:MM"/"-HH:MM": the zone's offset at that local wall time (DST included). */
export function utcOffset(date: string, time: string, timeZone: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  let instant = wall - offsetMinutesAt(wall, timeZone) * 60_000;
  instant = wall - offsetMinutesAt(instant, timeZone) * 60_000;
  const minutes = offsetMinutesAt(instant, timeZone);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function offsetMinutesAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
