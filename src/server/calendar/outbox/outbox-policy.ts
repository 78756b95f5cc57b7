/**
 * How the calendar outbox retries. Deterministic (no jitter): the same attempt count gives the
 * same delay, so tests can drive the worker with a clock of their choosing.
 */

/** A claimed row is the claimer's for this long; a worker that dies mid-way gives it up then. */
export const SYNC_LEASE_MS = 2 * 60_000;

/** After this many failed attempts the appointment is marked failed (shown in the dashboard). */
export const MAX_SYNC_ATTEMPTS = 20;

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/** Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min, ... capped at 1 hour (~14 h over 20 attempts). */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}
