import type { SmsTemplateOverrides } from "@/server/db/schema";
import { addDays, utcToZoned, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";

/**
 * What patients are texted, pure: templates per kind in English and Russian with placeholders
 * {clinic} {name} {date} {time}, quiet hours, reminder times. Replies are digits: Twilio's own
 * opt-out and opt-in keywords (STOP, CANCEL, END, QUIT, UNSUBSCRIBE, YES, START, ...) would
 * unsubscribe or resubscribe the patient at the carrier, so no text asks for them.
 */
export type SmsLanguage = "en" | "ru";
export type AppointmentSmsKind = "confirmation" | "change" | "cancellation" | "reminder" | "confirmed_reply";

export const defaultTemplates: Record<AppointmentSmsKind, Record<SmsLanguage, string>> = {
  confirmation: {
    en: "{clinic}: your appointment is booked for {date} at {time}. Reply 1 to confirm or 2 to cancel.",
    ru: "{clinic}: вы записаны на {date} в {time}. Ответьте 1, чтобы подтвердить, или 2, чтобы отменить.",
  },
  change: {
    en: "{clinic}: your appointment is now on {date} at {time}. Reply 1 to confirm or 2 to cancel.",
    ru: "{clinic}: ваша запись перенесена на {date} в {time}. Ответьте 1, чтобы подтвердить, или 2, чтобы отменить.",
  },
  cancellation: {
    en: "{clinic}: your appointment on {date} at {time} is cancelled. Call us to book again.",
    ru: "{clinic}: ваша запись на {date} в {time} отменена. Позвоните нам, чтобы записаться снова.",
  },
  reminder: {
    en: "{clinic}: a reminder of your appointment on {date} at {time}. Reply 1 to confirm or 2 to cancel.",
    ru: "{clinic}: напоминаем о записи на {date} в {time}. Ответьте 1, чтобы подтвердить, или 2, чтобы отменить.",
  },
  confirmed_reply: {
    en: "{clinic}: thank you, your appointment on {date} at {time} is confirmed.",
    ru: "{clinic}: спасибо, ваша запись на {date} в {time} подтверждена.",
  },
};

/** Twilio's default opt-out, opt-in and help keywords: never offered as a command. */
export const CARRIER_KEYWORDS = [
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "REVOKE",
  "OPTOUT",
  "START",
  "YES",
  "UNSTOP",
  "HELP",
  "INFO",
] as const;

/** A template override that asks the patient to reply with a carrier keyword, or is too long. */
export function templateProblem(template: string): string | null {
  if (template.length > 480) return "is longer than 480 characters";
  const upper = template.match(/\b[A-Z]{2,}\b/g) ?? [];
  const keyword = upper.find((word) => (CARRIER_KEYWORDS as readonly string[]).includes(word));
  if (keyword) return `must not ask for ${keyword}: it is a carrier opt-out or opt-in keyword; use digits (1, 2)`;
  return null;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function formatDate(at: Date, timeZone: string, language: SmsLanguage): string {
  const key = `${timeZone}|${language}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language === "ru" ? "ru-RU" : "en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
    });
    dateFormatters.set(key, formatter);
  }
  return formatter.format(at);
}

export interface TextInput {
  kind: AppointmentSmsKind;
  language: SmsLanguage;
  clinicName: string;
  patientName: string | null;
  start: Date;
  timeZone: string;
  overrides?: SmsTemplateOverrides;
}

/** The text for an appointment, in the clinic's local date and time; placeholders filled once. */
export function renderText(input: TextInput): string {
  const template = input.overrides?.[input.kind]?.[input.language] || defaultTemplates[input.kind][input.language];
  const values: Record<string, string> = {
    clinic: input.clinicName.slice(0, 60),
    name: (input.patientName ?? "").slice(0, 60),
    date: formatDate(input.start, input.timeZone, input.language),
    time: utcToZoned(input.start, input.timeZone).time,
  };
  return template
    .replace(/\{(clinic|name|date|time)\}/g, (_match, key: string) => values[key] ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 1600);
}

/** Quiet hours as local "HH:MM" start and end; a window may wrap midnight (21:00–08:00). */
export interface QuietHours {
  start: string;
  end: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The first instant at or after `at` outside the clinic's quiet hours, in its time zone (DST
 * included: the end is a local wall time, converted on the day it falls).
 */
export function outsideQuietHours(at: Date, timeZone: string, quiet: QuietHours): Date {
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return at;
  const local = utcToZoned(at, timeZone);
  const now = minutes(local.time);
  const wraps = start > end;
  const inside = wraps ? now >= start || now < end : now >= start && now < end;
  if (!inside) return at;
  const endDate = wraps && now >= start ? addDays(local.date, 1) : local.date;
  return zonedDateTimeToUtc(endDate, quiet.end.slice(0, 5), timeZone);
}

/** Segments Twilio would bill: GSM-7 160 (153 when split), else UCS-2 70 (67 when split). */
export function smsSegments(body: string): { encoding: "GSM-7" | "UCS-2"; segments: number } {
  const gsm = /^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/.test(body);
  const length = [...body].length;
  if (gsm) return { encoding: "GSM-7", segments: length <= 160 ? 1 : Math.ceil(length / 153) };
  return { encoding: "UCS-2", segments: length <= 70 ? 1 : Math.ceil(length / 67) };
}
