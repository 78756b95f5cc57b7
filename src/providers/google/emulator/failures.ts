import type { EmulatorEndpoint } from "./state";

/**
 * Failure injection: the next `times` requests to an endpoint are answered with an error status,
 * delayed, or both (delay first, then the error or the normal answer).
 */
export interface InjectedFailure {
  /** 429 (rate limited), 500 (backend error) or 503 (unavailable), in Google's shapes. */
  status?: 429 | 500 | 503;
  /** Wait this long before answering; longer than the client timeout simulates a hung Google. */
  delayMs?: number;
  /** How many requests this applies to: default 1; Infinity until clearFailures(). */
  times?: number;
}

export interface PlannedFailure {
  status?: 429 | 500 | 503;
  delayMs?: number;
}

export class FailurePlan {
  private readonly pending = new Map<EmulatorEndpoint, { failure: PlannedFailure; remaining: number }[]>();

  add(endpoint: EmulatorEndpoint, failure: InjectedFailure): void {
    const { times = 1, ...planned } = failure;
    if (!(times > 0)) throw new Error("times must be positive (use Infinity for until cleared)");
    this.pending.set(endpoint, [...(this.pending.get(endpoint) ?? []), { failure: planned, remaining: times }]);
  }

  /** Takes the failure planned for this request, if any (first planned, first used). */
  take(endpoint: EmulatorEndpoint): PlannedFailure | undefined {
    const queue = this.pending.get(endpoint);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) queue.shift();
    return next.failure;
  }

  clear(endpoint?: EmulatorEndpoint): void {
    if (endpoint) this.pending.delete(endpoint);
    else this.pending.clear();
  }
}
