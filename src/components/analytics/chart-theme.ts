/** Colours and axis styling shared by the dashboard's charts (Tailwind's palette, as hex). */
export const chartColours = {
  calls: "#13a47a", // brand-500
  booked: "#0a6a50", // brand-700
  grid: "#e2e8f0", // slate-200
  axis: "#64748b", // slate-500
};

export const axisProps = {
  stroke: chartColours.axis,
  fontSize: 12,
  tickLine: false,
  axisLine: false,
} as const;

const dayLabels = new Map<string, Intl.DateTimeFormat>();

/** "8 Mar" for a bucket's local date ("2026-03-08"): formatted as written, in no time zone. */
export function bucketLabel(bucket: string, locale: string): string {
  const date = new Date(`${bucket}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return bucket;
  let format = dayLabels.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
    dayLabels.set(locale, format);
  }
  return format.format(date);
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}
