import { type Interval, MINUTE_MS, mergeIntervals } from "./intervals";

/**
 * Free appointment slots: pure, in UTC instants, so DST changes need no special case (the open
 * intervals already come from the clinic's wall clock via openIntervalsBetween).
 */
export interface SlotRules {
  durationMinutes: number;
  /** Kept free before and after every busy interval. */
  bufferMinutes: number;
  /** No slot starts before this (now + minimum notice). */
  earliestStart: Date;
  /** Slots start on this grid of the clock (15: :00, :15, :30, :45 in every zone in use today). */
  stepMinutes?: number;
}

const DEFAULT_STEP_MINUTES = 15;

/**
 * Every slot of `durationMinutes` that lies inside an open interval, starts on the step grid at
 * or after `earliestStart`, and keeps `bufferMinutes` clear of every busy interval. Sorted.
 * Linear in open + busy + slots: busy is merged once and walked with one cursor.
 */
export function findFreeSlots(open: Interval[], busy: Interval[], rules: SlotRules): Interval[] {
  const duration = rules.durationMinutes * MINUTE_MS;
  const buffer = rules.bufferMinutes * MINUTE_MS;
  const step = (rules.stepMinutes ?? DEFAULT_STEP_MINUTES) * MINUTE_MS;
  const blocked = mergeIntervals(
    busy.map((b) => ({ start: new Date(b.start.getTime() - buffer), end: new Date(b.end.getTime() + buffer) })),
  );
  const slots: Interval[] = [];
  // Starts only grow (open intervals are merged and sorted), so one cursor over `blocked` suffices.
  let cursor = 0;
  for (const interval of mergeIntervals(open)) {
    let start = ceilTo(Math.max(interval.start.getTime(), rules.earliestStart.getTime()), step);
    const lastStart = interval.end.getTime() - duration;
    while (start <= lastStart) {
      const end = start + duration;
      while (cursor < blocked.length && blocked[cursor]!.end.getTime() <= start) cursor++;
      const next = blocked[cursor];
      if (next && next.start.getTime() < end) {
        start = ceilTo(next.end.getTime(), step);
        continue;
      }
      slots.push({ start: new Date(start), end: new Date(end) });
      start += step;
    }
  }
  return slots;
}

/** The `count` slots nearest to `around` (earlier or later), returned in time order. */
export function nearestSlots(slots: Interval[], around: Date, count: number): Interval[] {
  const target = around.getTime();
  return [...slots]
    .sort((a, b) => Math.abs(a.start.getTime() - target) - Math.abs(b.start.getTime() - target) || a.start.getTime() - b.start.getTime())
    .slice(0, count)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Up to `count` slots spread evenly over the list (first and last included), in time order. */
export function spreadSlots(slots: Interval[], count: number): Interval[] {
  if (slots.length <= count) return slots;
  if (count <= 1) return slots.slice(0, count);
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (slots.length - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => slots[i]!);
}

function ceilTo(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}
