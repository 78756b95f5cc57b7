import { formatPhoneNumber } from "@/shared/phone-number";

/**
 * How calls read on the dashboard. Times are shown in the clinic's time zone (every caller of
 * these passes it), so the server's render, the browser's and the CSV export agree.
 */

const timeFormats = new Map<
  string,
  { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat; full: Intl.DateTimeFormat; ymd: Intl.DateTimeFormat }
>();

function formatsFor(timeZone: string) {
  let formats = timeFormats.get(timeZone);
  if (!formats) {
    formats = {
      time: new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }),
      day: new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }),
      full: new Intl.DateTimeFormat("en-GB", {
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
    timeFormats.set(timeZone, formats);
  }
  return formats;
}

/** "14:05" today, "Yesterday 14:05", "3 Mar 14:05" otherwise; days and times in `timeZone`. */
export function formatCallTime(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const f = formatsFor(timeZone);
  const time = f.time.format(date);
  const day = f.ymd.format(date);
  const today = f.ymd.format(now);
  if (day >= today) return time;
  const yesterday = new Date(`${today}T12:00:00Z`);
  yesterday.setUTCDate(yesterday.getUTCDate() - 1);
  if (day === yesterday.toISOString().slice(0, 10)) return `Yesterday ${time}`;
  return `${f.day.format(date)} ${time}`;
}

/** "Wed, 4 Mar 2026, 10:00" in `timeZone`. */
export function formatFullDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : formatsFor(timeZone).full.format(date);
}

/** "45s", "2m 05s", "1h 02m"; an em dash when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** US dollars with cents; small amounts keep a tenth of a cent ("$0.042"). */
export function formatCost(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return "—";
  return `$${usd < 1 && usd > 0 ? usd.toFixed(3) : usd.toFixed(2)}`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)}%`;
}

/** A caller's number in the one display format ("+44 20 7946 0958"), or "Withheld number". */
export function formatCaller(number: string | null): string {
  return number ? formatPhoneNumber(number) : "Withheld number";
}

export const languageNames: Record<string, string> = { en: "English", ru: "Russian", unknown: "Not detected" };
