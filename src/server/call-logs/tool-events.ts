import { utcToZoned } from "@/server/working-hours/zoned-time";

/**
 * A tool call of a conversation (the assistant's request and our answer to it), told as an event
 * in plain words for the transcript: "Checked free times for Mon 7 Dec: 09:30, 09:45, 10:00",
 * "Booked Mon 7 Dec 10:00 for Jane Doe". Never JSON: arguments are read for the facts they carry
 * and the answer is shown only when it is a sentence. Pure; times in the clinic's zone.
 */
export interface ToolCallRecord {
  name: string;
  /** The arguments as the assistant sent them: an object, or the JSON string the schema says. */
  arguments: unknown;
  /** Our answer (the tool result), when one was recorded. */
  result?: unknown;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MAX_TEXT = 240;

export function describeToolEvent(call: ToolCallRecord, timeZone: string): string {
  const args = readArguments(call.arguments);
  const answer = sentence(call.result);
  switch (call.name) {
    case "check_availability":
      return availabilityEvent(args, answer);
    case "book_appointment":
      return bookingEvent(args, answer, timeZone);
    case "transferCall":
      return "Transferred the call to the clinic's team";
    case "endCall":
      return "Ended the call";
    default: {
      const what = `Used ${
        call.name
          .replace(/[_-]+/g, " ")
          .replace(/([a-z])([A-Z])/g, "$1 $2")
          .toLowerCase()
          .trim() || "a tool"
      }`;
      return answer ? `${what}: ${answer}` : what;
    }
  }
}

function availabilityEvent(args: Record<string, unknown>, answer: string | null): string {
  const date = typeof args.date === "string" ? shortDate(args.date) : null;
  const head = date ? `Checked free times for ${date}` : "Checked free times";
  if (answer === null) return `${head} (no answer recorded)`;
  if (/not available right now|calendar is not connected/i.test(answer)) return `${head}: the calendar is not connected`;
  const free = /^(?:Free times|Свободное время):\s*(.+?)\.?$/s.exec(answer);
  if (free) return `${head}: ${slotList(free[1]!, date)}`;
  const later = /(?:The nearest free times after it|Ближайшее свободное время):\s*(.+?)\.?$/s.exec(answer);
  if (later) return `${head}: none that day; the nearest are ${slotList(later[1]!, null)}`;
  if (/^(?:No free times on|На .* свободного времени нет)/.test(answer)) return `${head}: none that day or in the week after`;
  return `${head}: ${answer}`;
}

function bookingEvent(args: Record<string, unknown>, answer: string | null, timeZone: string): string {
  const when = typeof args.start === "string" ? shortDateTime(args.start, timeZone) : null;
  const name = typeof args.customer_name === "string" && args.customer_name.trim() ? args.customer_name.trim().slice(0, 120) : null;
  const what = [when, name && `for ${name}`].filter(Boolean).join(" ");
  if (answer !== null && /^(?:Booked|Записано)(?=[:\s])/.test(answer)) return `Booked ${what || "an appointment"}`;
  const head = `Could not book ${what || "the appointment"}`;
  if (answer === null) return `Tried to book ${what || "an appointment"} (no answer recorded)`;
  if (/not available right now|calendar is not connected/i.test(answer)) return `${head}: the calendar is not connected`;
  return `${head}: ${answer}`;
}

/** "Tuesday 10 March at 09:00 and 09:30, or Wednesday 11 March at 10:00 (Europe/London, UTC+00:00)" → "09:00, 09:30, Wed 11 Mar 10:00". */
function slotList(spoken: string, sameDay: string | null): string {
  const list = spoken.replace(/\s*\([^()]*\)\s*$/, "");
  const parts = list.split(/,? or |,? или /);
  const out: string[] = [];
  for (const part of parts) {
    const match = /^(.+?)\s+(?:at|в)\s+(.+)$/s.exec(part.trim());
    if (!match) {
      out.push(part.trim());
      continue;
    }
    const day = shortSpokenDay(match[1]!);
    const times = match[2]!.match(/\d{1,2}:\d{2}/g) ?? [];
    out.push(times.map((time, index) => (day === sameDay || index > 0 ? time : `${day} ${time}`)).join(", "));
  }
  return out.filter(Boolean).join(", ");
}

/** "Monday 7 December" → "Mon 7 Dec"; other languages unchanged. */
function shortSpokenDay(day: string): string {
  const match = /^([A-Z][a-z]+)\s+(\d{1,2})\s+([A-Z][a-z]+)$/.exec(day.trim());
  return match ? `${match[1]!.slice(0, 3)} ${match[2]} ${match[3]!.slice(0, 3)}` : day.trim();
}

/** "2026-12-07" → "Mon 7 Dec" (a calendar date: no zone). */
function shortDate(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return null;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(at.getTime()) || at.getUTCDate() !== Number(match[3])) return null;
  return `${WEEKDAYS[at.getUTCDay()]} ${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}`;
}

/** An ISO start → "Mon 7 Dec 10:00" on the clinic's clock; a local time without offset is read as written. */
function shortDateTime(value: string, timeZone: string): string | null {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (local) {
    const day = shortDate(local[1]!);
    return day ? `${day} ${local[2]}` : null;
  }
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim()) || Number.isNaN(instant.getTime())) return null;
  try {
    const zoned = utcToZoned(instant, timeZone);
    return `${shortDate(zoned.date)} ${zoned.time}`;
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
