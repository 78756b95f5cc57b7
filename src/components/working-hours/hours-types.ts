import type { MessageKey } from "@/i18n/keys";
import type { OpeningHours, OpeningStatus, TimeRange } from "@/server/working-hours/opening-hours";

export type { OpeningHours, OpeningStatus, TimeRange };

/** One exception as the editor holds it; `ranges` are kept while "closed" is on, but not sent. */
export interface ExceptionDraft {
  date: string;
  closed: boolean;
  ranges: TimeRange[];
  label: string;
}

export interface HoursDraft {
  timezone: string;
  /** Always seven, index = day_of_week (0 = Sunday). */
  days: TimeRange[][];
  exceptions: ExceptionDraft[];
}

export function draftOf(hours: OpeningHours): HoursDraft {
  const days: TimeRange[][] = [[], [], [], [], [], [], []];
  for (const day of hours.days) days[day.day_of_week] = day.ranges;
  return {
    timezone: hours.timezone,
    days,
    exceptions: hours.exceptions.map((e) => ({ date: e.date, closed: e.closed, ranges: e.ranges, label: e.label ?? "" })),
  };
}

/** The PUT /api/working-hours body (also what the live check validates, so paths match the API's). */
export function bodyOf(draft: HoursDraft) {
  return {
    timezone: draft.timezone,
    days: draft.days.map((ranges, day) => ({ day_of_week: day, ranges })),
    exceptions: draft.exceptions.map((e) =>
      e.closed ? { date: e.date, closed: true, label: e.label } : { date: e.date, closed: false, ranges: e.ranges, label: e.label },
    ),
  };
}

/** Monday first, as clinics write their week; the numbers are the API's day_of_week; names are catalogue keys. */
export const weekdays = [
  { day: 1, name: "hours.day.1" },
  { day: 2, name: "hours.day.2" },
  { day: 3, name: "hours.day.3" },
  { day: 4, name: "hours.day.4" },
  { day: 5, name: "hours.day.5" },
  { day: 6, name: "hours.day.6" },
  { day: 0, name: "hours.day.0" },
] as const satisfies readonly { day: number; name: MessageKey }[];
