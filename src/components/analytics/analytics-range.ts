import type { MessageKey } from "@/i18n/keys";

/** The period the Analytics page shows: a preset length ending today, or chosen dates. */
export interface AnalyticsRange {
  preset: "7" | "30" | "90" | "365" | "custom";
  from: string;
  to: string;
  granularity: "day" | "week";
}

export const presets = [
  { value: "7", label: "analytics.range.days7" },
  { value: "30", label: "analytics.range.days30" },
  { value: "90", label: "analytics.range.days90" },
  { value: "365", label: "analytics.range.months12" },
] as const satisfies readonly { value: string; label: MessageKey }[];

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

/** What is wrong with the chosen dates (a catalogue key), or null. */
export function rangeProblem(range: AnalyticsRange): MessageKey | null {
  if (!range.from || !range.to) return "analytics.range.chooseBoth";
  if (range.from > range.to) return "analytics.range.startAfterEnd";
  return null;
}
