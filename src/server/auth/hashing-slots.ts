import { availableParallelism } from "node:os";
import { DomainError } from "@/server/errors";

/**
 * A counting semaphore with a bounded queue, for password hashing. Argon2 takes ~20 ms of a core
 * and 19 MiB per hash; unbounded, a burst of log-ins would occupy every core and libuv thread
 * (and the memory) the webhooks need. Beyond the queue, callers are refused at once.
 */
class HashingSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly maxQueue: number,
  ) {}

  /** Runs `fn` in a slot, or throws HashingBusyError at once when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxQueue) throw new HashingBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next caller
      else this.active--;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}

/** 503 with Retry-After: 2 (src/server/http/error-response.ts). */
class HashingBusyError extends DomainError {
  constructor() {
    super("busy", "Too many sign-ins at this moment. Try again in a few seconds.", { retry_after_seconds: 2 });
  }
}

/**
 * The process's slots: one core's worth fewer than the machine has (at least 1, at most 4), so a
 * log-in flood always leaves a core to calls; 64 more may wait (at ~20 ms a hash, about a second).
 */
export const hashingSlots = new HashingSlots(Math.max(1, Math.min(4, availableParallelism() - 1)), 64);
