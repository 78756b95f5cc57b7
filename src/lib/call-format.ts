/** How calls read on the dashboard. Times are shown in the viewer's locale and time zone. */

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const fullFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "14:05" today, "Yesterday 14:05", "3 Mar 14:05" otherwise. */
export function formatCallTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const time = timeFormat.format(date);
  if (date.getTime() >= startOfToday) return time;
  if (date.getTime() >= startOfToday - 86_400_000) return `Yesterday ${time}`;
  return `${dayFormat.format(date)} ${time}`;
}

export function formatFullDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : fullFormat.format(date);
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

export function formatCaller(number: string | null): string {
  return number ?? "Withheld number";
}

export const languageNames: Record<string, string> = { en: "English", ru: "Russian", unknown: "Not detected" };
