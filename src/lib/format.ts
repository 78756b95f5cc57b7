/** Display formatting shared by pages. Dashboard pages pass the clinic's time zone. */

/** "4 Mar 2026", the day in `timeZone` (the viewer's when not given: pages outside a clinic). */
export function formatDate(value: string | Date, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** "in 6 days", "2 days ago", "today". */
export function formatRelativeDays(value: string | Date, now = new Date()): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const days = Math.round((date.getTime() - now.getTime()) / 86_400_000);
  if (days === 0) return "today";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  return rtf.format(days, "day");
}
