import { availableParallelism } from "node:os";
import { BoundedSlots } from "@/server/concurrency/bounded-slots";
import { DomainError } from "@/server/errors";

/** 503 with Retry-After: 2 (src/server/http/error-response.ts). */
class HashingBusyError extends DomainError {
  constructor() {
    super("busy", "Too many sign-ins at this moment. Try again in a few seconds.", { retry_after_seconds: 2 });
  }
}

/**
 * The process's slots for password hashing (argon2 takes ~20 ms of a core and 19 MiB per hash;
 * unbounded, a burst of log-ins would occupy every core and libuv thread, and the memory, the
 * webhooks need): one core's worth fewer than the machine has (at least 1, at most 4), so a log-in
 * flood always leaves a core to calls; 64 more may wait (at ~20 ms a hash, about a second).
 */
export const hashingSlots = new BoundedSlots(Math.max(1, Math.min(4, availableParallelism() - 1)), 64, () => new HashingBusyError());

let logInsInProgress = 0;

/**
 * Throws 503 busy when admitLogIn would refuse a log-in now. The log-in route asks before it
 * reads the body: in a flood most attempts are refused, and each refusal should cost little.
 */
export function refuseLogInWhenFull(): void {
  if (hashingSlots.full || logInsInProgress >= hashingSlots.limit + hashingSlots.maxQueue) throw new HashingBusyError();
}

/**
 * Admits a log-in only while fewer are in progress (arrived and not yet answered) than the
 * hashing slots and their queue can take, and refuses it at once with 503 busy otherwise, before
 * its throttle statement and user look-up: 200 log-ins arriving in the same instant used to all
 * pass a check of the queue alone (still empty then) and cost 600 statements and a second of the
 * server's time before most of them were refused anyway (the log-in flood bench).
 */
export async function admitLogIn<T>(work: () => Promise<T>): Promise<T> {
  refuseLogInWhenFull();
  logInsInProgress++;
  try {
    return await work();
  } finally {
    logInsInProgress--;
  }
}
