import "server-only";
import { type EventLoopUtilization, performance } from "node:perf_hooks";

/**
 * How busy this process's event loop has been lately, and a turn-taking gate for work that may
 * be slowed so that calls are not: the dashboard's heavy requests wait for a turn before they
 * start and between the batches of an export while the loop is busier than their limit
 * (DASHBOARD_EVENT_LOOP_LIMIT). A webhook is handled on the same loop; with the dashboard held
 * under the limit, it waits for at most one batch, not for a queue of them (the mixed-load bench).
 */

/** How often the loop's utilisation is sampled; each sample covers the interval before it. */
const SAMPLE_MS = 50;
/** The longest a turn waits: a loop the calls alone keep busy slows the dashboard, never stops it. */
export const MAX_TURN_WAIT_MS = 1000;

let previous: EventLoopUtilization | undefined;
let recent = 0;
let sampler: NodeJS.Timeout | undefined;
const waiting = new Set<{ limit: number; resolve: () => void }>();

function sample(): void {
  const now = performance.eventLoopUtilization();
  recent = previous ? performance.eventLoopUtilization(now, previous).utilization : 0;
  previous = now;
  for (const waiter of waiting) {
    if (recent <= waiter.limit) {
      waiting.delete(waiter);
      waiter.resolve();
    }
  }
}

function ensureSampling(): void {
  if (sampler) return;
  previous = performance.eventLoopUtilization();
  sampler = setInterval(sample, SAMPLE_MS);
  sampler.unref(); // never keeps the process alive
}

/** The share of the last sample interval the event loop was busy (0 to 1); 0 before sampling starts. */
export function recentEventLoopUtilisation(): number {
  ensureSampling();
  return recent;
}

/**
 * Resolves at once while the loop's recent utilisation is at most `limit`, else at the first
 * sample at or under it, or after MAX_TURN_WAIT_MS. A limit of 1 or more never waits.
 */
export function eventLoopTurn(limit: number): Promise<void> {
  ensureSampling();
  if (limit >= 1 || recent <= limit) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const waiter = {
      limit,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    };
    const timer = setTimeout(() => {
      waiting.delete(waiter);
      resolve();
    }, MAX_TURN_WAIT_MS);
    waiting.add(waiter);
  });
}
