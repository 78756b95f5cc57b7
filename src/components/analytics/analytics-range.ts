/** The period the Analytics page shows: a preset length ending today, or chosen dates. */
export interface AnalyticsRange {
  preset: "7" | "30" | "90" | "365" | "custom";
  from: string;
  to: string;
  granularity: "day" | "week";
}

export const presets = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "12 months" },
] as const;

/** "YYYY-MM-DD" `days` before `date` (calendar arithmetic, no time zone involved). */
function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** A preset ending on the clinic's `today`; a year is shown by week. */
export function presetRange(preset: Exclude<AnalyticsRange["preset"], "custom">, today: string): AnalyticsRange {
  const days = Number(preset);
  return { preset, from: daysBefore(today, days - 1), to: today, granularity: days > 90 ? "week" : "day" };
}

export function rangeQuery(range: AnalyticsRange): string {
  return new URLSearchParams({ from: range.from, to: range.to, granularity: range.granularity }).toString();
}

export function rangeProblem(range: AnalyticsRange): string | null {
  if (!range.from || !range.to) return "Choose both dates.";
  if (range.from > range.to) return "The start date is after the end date.";
  return null;
}
