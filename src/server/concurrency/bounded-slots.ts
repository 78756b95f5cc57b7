/**
 * A counting semaphore with a bounded queue: at most `limit` holders at once, at most `maxQueue`
 * waiting; beyond that, callers are refused at once with `busy()` (a 503 with Retry-After, for
 * the routes). A CPU budget for work that could otherwise occupy every core the webhooks need.
 */
export class BoundedSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly maxQueue: number,
    private readonly busy: () => Error,
  ) {}

  /**
   * Takes a slot, waiting in the queue if need be, and returns its release function (calling it
   * again does nothing); throws `busy()` at once when the queue is full.
   */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxQueue) throw this.busy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next caller
      else this.active--;
    };
  }

  /** Runs `fn` in a slot (see acquire). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Every slot taken and the queue full: the next acquire would be refused. */
  get full(): boolean {
    return this.active >= this.limit && this.waiting.length >= this.maxQueue;
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
