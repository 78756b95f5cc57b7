/** A span of time, `start` inclusive and `end` exclusive. */
export interface Interval {
  start: Date;
  end: Date;
}

export const MINUTE_MS = 60_000;

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sorted by start, overlapping or touching intervals joined. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE_MS);
}

/** The part of `interval` inside `range`; empty (end <= start) when they do not overlap. */
export function clipInterval(interval: Interval, range: Interval): Interval {
  return {
    start: new Date(Math.max(interval.start.getTime(), range.start.getTime())),
    end: new Date(Math.min(interval.end.getTime(), range.end.getTime())),
  };
}
