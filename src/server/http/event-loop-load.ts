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
/**
 * A turn that has waited this long goes anyway at the next sample, one such turn per sample: a
 * loop the calls keep busy slows the dashboard, never stops it, and the starved turns do not all
 * start in the same instant (which stalled the calls for a second in the mixed-load bench).
 */
export const MAX_TURN_WAIT_MS = 1000;
/**
 * At most this many turns start in one turn of the event loop, whether they waited or not: the
 * rest go in the next turns while there is room (the loop reads the calls' I/O in between), or
 * at the next sample or call's end. 200 log-ins arriving in one instant used to start together
 * and hold the loop for 60 ms (the log-in flood bench).
 */
const TURNS_PER_RELEASE = 4;

let previous: EventLoopUtilization | undefined;
let recent = 0;
let sampler: NodeJS.Timeout | undefined;
interface Waiter {
  limit: number;
  since: number;
  resolve: () => void;
}
/** Oldest first. */
const waiting: Waiter[] = [];
let callsInProgress = 0;
/** When a call's webhook last started or ended (performance.now()). */
let lastCallWorkAt = Number.NEGATIVE_INFINITY;
/** Turns started in this turn of the event loop (set back to 0 at its end). */
let startedThisLoopTurn = 0;
let nextLoopTurnScheduled = false;

/** Counts a turn as started, and makes sure the next loop turn sets the count back and goes on with the waiters. */
function countStarted(): void {
  startedThisLoopTurn++;
  if (nextLoopTurnScheduled) return;
  nextLoopTurnScheduled = true;
  setImmediate(() => {
    nextLoopTurnScheduled = false;
    startedThisLoopTurn = 0;
    if (waiting.length > 0) releaseWaiters(false);
  });
}

function hasRoom(limit: number): boolean {
  return callsInProgress === 0 && recent <= limit;
}

function releaseWaiters(atSample: boolean): void {
  let starvedReleased = false;
  const now = performance.now();
  for (let i = 0; i < waiting.length && startedThisLoopTurn < TURNS_PER_RELEASE; ) {
    const waiter = waiting[i]!;
    const room = hasRoom(waiter.limit);
    const starved = atSample && !starvedReleased && now - waiter.since >= MAX_TURN_WAIT_MS;
    if (!room && !starved) {
      i++;
      continue;
    }
    if (!room) starvedReleased = true;
    waiting.splice(i, 1);
    countStarted();
    waiter.resolve();
  }
}

function sample(): void {
  const now = performance.eventLoopUtilization();
  recent = previous ? performance.eventLoopUtilization(now, previous).utilization : 0;
  previous = now;
  releaseWaiters(true);
}

/**
 * Marks a call's webhook as being handled until the returned function is called (once; more
 * calls do nothing). Turns wait meanwhile; when the last one ends, they go on.
 */
export function callWorkStarted(): () => void {
  callsInProgress++;
  lastCallWorkAt = performance.now();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    callsInProgress--;
    lastCallWorkAt = performance.now();
    if (callsInProgress === 0) setImmediate(() => releaseWaiters(false));
  };
}

/** Whether a call's webhook is being handled now or was within the last `withinMs`. */
export function callsRecently(withinMs: number): boolean {
  return callsInProgress > 0 || performance.now() - lastCallWorkAt <= withinMs;
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
 * Resolves at once while no call's webhook is being handled, the loop's recent utilisation is at
 * most `limit` and fewer than TURNS_PER_RELEASE turns started in this turn of the loop; else when
 * all hold again (a few turns at a time), or at a sample once it has waited MAX_TURN_WAIT_MS (one
 * such turn per sample). A limit of 1 or more never waits.
 */
export function eventLoopTurn(limit: number): Promise<void> {
  if (limit >= 1) return Promise.resolve();
  return takeTurn(limit);
}

/**
 * A turn that waits only while a call's webhook is being handled, however busy the loop is (and
 * at most MAX_TURN_WAIT_MS): for work off the loop that competes with the calls for the machine,
 * not for the loop (password hashes, on threads of their own).
 */
export function turnBetweenCalls(): Promise<void> {
  return takeTurn(Number.POSITIVE_INFINITY);
}

function takeTurn(limit: number): Promise<void> {
  ensureSampling();
  // Goes now unless a waiter ahead could go as well (oldest first); one that waits only for a
  // quieter loop does not hold back a turn that needs only the calls to be quiet (a hash).
  if (hasRoom(limit) && startedThisLoopTurn < TURNS_PER_RELEASE && !waiting.some((w) => hasRoom(w.limit))) {
    countStarted();
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    waiting.push({ limit, since: performance.now(), resolve });
  });
}
