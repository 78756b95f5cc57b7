/** Display formatting shared by pages. Dates are shown in the viewer's locale and time zone. */

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

export function formatDate(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? "" : dateFormat.format(date);
}

/** "in 6 days", "2 days ago", "today". */
export function formatRelativeDays(value: string | Date, now = new Date()): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const days = Math.round((date.getTime() - now.getTime()) / 86_400_000);
  if (days === 0) return "today";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  return rtf.format(days, "day");
}
