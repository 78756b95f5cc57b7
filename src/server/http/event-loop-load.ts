import "server-only";
import { type EventLoopUtilization, performance } from "node:perf_hooks";

/**
 * Calls first on one event loop. The phone's webhooks (Twilio's and Vapi's) and the dashboard are
 * served by the same loop; a webhook makes several hops on it (its request, each database round
 * trip, the hand-off to Vapi) and at each one it waits for whatever task is running. So work that
 * may be slowed takes turns: the dashboard's heavy requests and log-ins wait before they start,
 * and an export before each batch, while a call's webhook is being handled or while the loop was
 * busier than their limit (DASHBOARD_EVENT_LOOP_LIMIT) in the last sample. A webhook then waits
 * for at most the one batch already running (the mixed-load and log-in flood benches).
 */

/** How often the loop's utilisation is sampled; each sample covers the interval before it. */
const SAMPLE_MS = 50;
/** The longest a turn waits: a loop the calls alone keep busy slows the dashboard, never stops it. */
export const MAX_TURN_WAIT_MS = 1000;

let previous: EventLoopUtilization | undefined;
let recent = 0;
let sampler: NodeJS.Timeout | undefined;
const waiting = new Set<{ limit: number; resolve: () => void }>();
let callsInProgress = 0;

function hasRoom(limit: number): boolean {
  return callsInProgress === 0 && recent <= limit;
}

function releaseWaiters(): void {
  for (const waiter of waiting) {
    if (hasRoom(waiter.limit)) {
      waiting.delete(waiter);
      waiter.resolve();
    }
  }
}

function sample(): void {
  const now = performance.eventLoopUtilization();
  recent = previous ? performance.eventLoopUtilization(now, previous).utilization : 0;
  previous = now;
  releaseWaiters();
}

/**
 * Marks a call's webhook as being handled until the returned function is called (once; more
 * calls do nothing). Turns wait meanwhile; when the last one ends, they go on.
 */
export function callWorkStarted(): () => void {
  callsInProgress++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    callsInProgress--;
    if (callsInProgress === 0) setImmediate(releaseWaiters);
  };
}

/** Route patterns of the phone's webhooks: the work that never waits for a turn. */
export function isCallRoute(route: string): boolean {
  return route.startsWith("/api/webhooks/twilio") || route.startsWith("/api/webhooks/vapi");
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
 * Resolves at once while no call's webhook is being handled and the loop's recent utilisation is
 * at most `limit`; else when both hold again, or after MAX_TURN_WAIT_MS. A limit of 1 or more
 * never waits.
 */
export function eventLoopTurn(limit: number): Promise<void> {
  ensureSampling();
  if (limit >= 1 || hasRoom(limit)) return Promise.resolve();
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
