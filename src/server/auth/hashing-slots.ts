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

/**
 * Refuses a log-in at once, before its throttle statement and user look-up, when every hashing
 * slot and the queue are taken: the answer would be 503 after those two statements anyway, and
 * a flood's refusals then cost the database nothing (the log-in flood bench).
 */
export function refuseWhenHashingBusy(): void {
  if (hashingSlots.full) throw new HashingBusyError();
}
