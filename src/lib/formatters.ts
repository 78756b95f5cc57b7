import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import type { Locale } from "@/i18n/locales";
import { formatPhoneNumber } from "@/shared/phone-number";

/**
 * How numbers, times, durations and money read on the dashboard, in the person's language.
 * Times are shown in the clinic's time zone (every caller passes it), so the server's render,
 * the browser's and the CSV export agree. Components call `useFormatters()`; the pure
 * `createFormatters` is what the hook builds (and what tests call).
 */

/** The words the formats need from the catalogue (the `format` section). */
export interface FormatWords {
  yesterday: (time: string) => string;
  seconds: (s: number) => string;
  minutes: (m: number, s: string) => string;
  hours: (h: number, m: string) => string;
  withheld: string;
  never: string;
  language: (code: string) => string;
}

/** The Intl locale each dashboard language formats with (day before month, 24-hour clock in both). */
const intlLocales: Record<Locale, string> = { en: "en-GB", ru: "ru-RU" };

export type Formatters = ReturnType<typeof createFormatters>;

export function createFormatters(locale: Locale, words: FormatWords) {
  const intlLocale = intlLocales[locale];
  const dateFormats = new Map<string, ReturnType<typeof buildDateFormats>>();
  const formatsFor = (timeZone: string | undefined) => {
    const key = timeZone ?? "";
    let formats = dateFormats.get(key);
    if (!formats) {
      formats = buildDateFormats(intlLocale, timeZone);
      dateFormats.set(key, formats);
    }
    return formats;
  };
  const costTiny = new Intl.NumberFormat(intlLocale, {
    style: "currency",
    currency: "USD",
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  });
  const cost = new Intl.NumberFormat(intlLocale, {
    style: "currency",
    currency: "USD",
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const percent = new Intl.NumberFormat(intlLocale, { style: "percent", maximumFractionDigits: 0 });
  const relative = new Intl.RelativeTimeFormat(intlLocale, { numeric: "auto" });

  return {
    /** "14:05" today, "Yesterday 14:05", "3 Mar 14:05" otherwise; days and times in `timeZone`. */
    formatCallTime(iso: string, timeZone: string, now = new Date()): string {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return "";
      const f = formatsFor(timeZone);
      const time = f.time.format(date);
      const day = f.ymd.format(date);
      const today = f.ymd.format(now);
      if (day >= today) return time;
      const yesterday = new Date(`${today}T12:00:00Z`);
      yesterday.setUTCDate(yesterday.getUTCDate() - 1);
      if (day === yesterday.toISOString().slice(0, 10)) return words.yesterday(time);
      return `${f.day.format(date)} ${time}`;
    },
    /** "Wed, 4 Mar 2026, 10:00" in `timeZone`. */
    formatFullDateTime(iso: string, timeZone: string): string {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? "" : formatsFor(timeZone).full.format(date);
    },
    /** "Tue 2 Mar 2027": the day of an appointment in `timeZone`. */
    formatDay(iso: string, timeZone: string): string {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? "" : formatsFor(timeZone).weekdayDate.format(date).replace(",", "");
    },
    /** "2 Mar, 10:04" in `timeZone`, for moments such as "last synced"; "never" when there was none. */
    formatMoment(iso: string | null, timeZone: string): string {
      if (!iso) return words.never;
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? "" : formatsFor(timeZone).moment.format(date);
    },
    /** "4 Mar 2026", the day in `timeZone` (the viewer's when not given: pages outside a clinic). */
    formatDate(value: string | Date, timeZone?: string): string {
      const date = typeof value === "string" ? new Date(value) : value;
      return Number.isNaN(date.getTime()) ? "" : formatsFor(timeZone).date.format(date);
    },
    /** "in 6 days", "2 days ago", "today". */
    formatRelativeDays(value: string | Date, now = new Date()): string {
      const date = typeof value === "string" ? new Date(value) : value;
      if (Number.isNaN(date.getTime())) return "";
      return relative.format(Math.round((date.getTime() - now.getTime()) / 86_400_000), "day");
    },
    /** "45s", "2m 05s", "1h 02m" ("45 с", "2 мин 05 с"); an em dash when unknown. */
    formatDuration(seconds: number | null): string {
      if (seconds === null || !Number.isFinite(seconds)) return "—";
      const s = Math.max(0, Math.round(seconds));
      if (s < 60) return words.seconds(s);
      if (s < 3600) return words.minutes(Math.floor(s / 60), String(s % 60).padStart(2, "0"));
      return words.hours(Math.floor(s / 3600), String(Math.floor((s % 3600) / 60)).padStart(2, "0"));
    },
    /** US dollars with cents; small amounts keep a tenth of a cent ("$0.042"). */
    formatCost(usd: number | null): string {
      if (usd === null || !Number.isFinite(usd)) return "—";
      return (usd < 1 && usd > 0 ? costTiny : cost).format(usd);
    },
    formatPercent(ratio: number | null): string {
      return ratio === null || !Number.isFinite(ratio) ? "—" : percent.format(ratio);
    },
    /** A caller's number in the one display format ("+44 20 7946 0958"), or "Withheld number". */
    formatCaller(number: string | null): string {
      return number ? formatPhoneNumber(number) : words.withheld;
    },
    /** A call's or patient's language ("en", "ru", "unknown") named in the viewer's language. */
    languageName(code: string): string {
      return words.language(code);
    },
  };
}

function buildDateFormats(intlLocale: string, timeZone: string | undefined) {
  return {
    time: new Intl.DateTimeFormat(intlLocale, { timeZone, hour: "2-digit", minute: "2-digit" }),
    day: new Intl.DateTimeFormat(intlLocale, { timeZone, day: "numeric", month: "short" }),
    date: new Intl.DateTimeFormat(intlLocale, { timeZone, day: "numeric", month: "short", year: "numeric" }),
    weekdayDate: new Intl.DateTimeFormat(intlLocale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" }),
    moment: new Intl.DateTimeFormat(intlLocale, { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
    full: new Intl.DateTimeFormat(intlLocale, {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    }),
    ymd: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
  };
}

/** The formatters in the person's language, for client and server components. */
export function useFormatters(): Formatters {
  const locale = useLocale();
  const t = useTranslations();
  return useMemo(
    () =>
      createFormatters(locale, {
        yesterday: (time) => t("format.yesterday", { time }),
        seconds: (s) => t("format.seconds", { s }),
        minutes: (m, s) => t("format.minutes", { m, s }),
        hours: (h, m) => t("format.hours", { h, m }),
        withheld: t("format.withheld"),
        never: t("format.never"),
        language: (code) => {
          if (code === "en") return t("format.language.en");
          if (code === "ru") return t("format.language.ru");
          if (code === "unknown") return t("format.language.unknown");
          return code;
        },
      }),
    [locale, t],
  );
}
