// The "calls first" suites (mixed-load, login-flood): the Twilio voice webhook at a steady rate,
// alternately alone and under another load, in rounds. Alternating puts both conditions over the
// same stretch of the run: what drifts while it runs (the Vapi emulator's heap, which keeps every
// call it created, the tables growing, the machine's other work) lands on both, not only on the
// phase that happens to come second.
import { signTwilioRequest } from "../../src/providers/twilio/signature";
import { handlerMs } from "./handler-time";
import { percentile } from "./stats";

export const CALLS_PER_SECOND = 25;
/** Seconds of calls per condition, split over the rounds; BENCH_LOAD_SECONDS shortens it for a smoke run only (the targets need 60). */
export const MEASURE_SECONDS = Number(process.env.BENCH_LOAD_SECONDS) > 0 ? Number(process.env.BENCH_LOAD_SECONDS) : 60;
/** Each condition is measured in this many phases, alone and loaded taking turns (alone first). */
export const ROUNDS = 3;

export interface CallResult {
  ms: number;
  /** Of which the server process took this long from the request's arrival to its answer (the bench app server's header). */
  serverMs?: number;
  /** When the call was placed, in seconds since its condition's measuring began (phases laid end to end). */
  at?: number;
  status: number;
  handedOff: boolean;
}

function percentileOr0(sorted: number[], p: number): number {
  return sorted.length ? percentile(sorted, p) : 0;
}

export function summary(results: CallResult[]) {
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const server = results.flatMap((r) => (r.serverMs === undefined ? [] : [r.serverMs])).sort((a, b) => a - b);
  return {
    calls: results.length,
    p50: percentileOr0(sorted, 50),
    p99: percentileOr0(sorted, 99),
    max: sorted.at(-1) ?? 0,
    /** The server's own part (arrival to answer), where known. */
    serverP50: percentileOr0(server, 50),
    serverP99: percentileOr0(server, 99),
    fallbacks: results.filter((r) => !r.handedOff).length,
    /** When the slowest 1% were placed (seconds into the condition): a burst at one moment, or spread out. */
    slowestAt: [...results]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, Math.max(1, Math.ceil(results.length / 100)))
      .map((r) => Math.round((r.at ?? 0) * 10) / 10)
      .sort((a, b) => a - b),
  };
}

/** Calls arrive on a fixed schedule (open loop): a slow answer does not delay the next call. */
export async function steadyCalls(seconds: number, place: () => Promise<CallResult>, atOffset = 0): Promise<CallResult[]> {
  const total = Math.round(seconds * CALLS_PER_SECOND);
  const interval = 1000 / CALLS_PER_SECOND;
  const started = performance.now();
  const pending: Promise<CallResult>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = started + i * interval - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const at = atOffset + (performance.now() - started) / 1000;
    pending.push(place().then((result) => ({ ...result, at })));
  }
  return Promise.all(pending);
}

/** Places one inbound call at a time on the Twilio voice webhook, signed as Twilio signs; each call's SID starts with `sidPrefix`. */
export function twilioCaller(options: { appUrl: string; numbers: string[]; authToken: string; sidPrefix: string }) {
  let sequence = 0;
  return async (): Promise<CallResult> => {
    sequence++;
    const params = {
      CallSid: `${options.sidPrefix}${sequence.toString(16).padStart(34 - options.sidPrefix.length, "0")}`,
      To: options.numbers[sequence % options.numbers.length]!,
      From: "+447700900123",
      CallStatus: "ringing",
      Direction: "inbound",
    };
    const url = `${options.appUrl}/api/webhooks/twilio`;
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signTwilioRequest({ authToken: options.authToken, url, params }),
    };
    const t0 = performance.now();
    try {
      const response = await fetch(url, { method: "POST", headers, body: new URLSearchParams(params) });
      const body = await response.text();
      return {
        ms: performance.now() - t0,
        serverMs: handlerMs(response),
        status: response.status,
        handedOff: response.status === 200 && /<Connect[\s>]/.test(body),
      };
    } catch {
      return { ms: performance.now() - t0, status: 0, handedOff: false };
    }
  };
}

/**
 * The clients of a load pass this gate before each request. Paused, it holds them, and each one
 * that arrives during the pause is released that much after the resume: the load goes on where
 * it left off (a client that was waiting out a Retry-After keeps its place) instead of starting
 * again all at once. Only the first loaded phase sees the clients start together.
 */
export class LoadGate {
  private pausedAt: number | null = null;
  private resumed: Promise<void> = Promise.resolve();
  private releaseHeld: () => void = () => {};
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private stopped = false;
  /** The clients' waits in progress, ended early by `stop`. */
  private waits = new Set<() => void>();

  /** Waits while paused (then the time into the pause it arrived); false once stopped. */
  async pass(): Promise<boolean> {
    if (this.stopped) return false;
    if (this.pausedAt === null) return true;
    const into = performance.now() - this.pausedAt;
    await this.resumed;
    await this.sleep(into);
    return !this.stopped;
  }

  /** Counts a request in flight until it settles: `pause` resolves once none is. */
  async track<T>(request: Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await request;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** A client's wait (a Retry-After) that ends early when the load is stopped. */
  sleep(ms: number): Promise<void> {
    if (this.stopped || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waits.add(done);
    });
  }

  /** Holds the clients; resolves when no request of theirs is in flight. */
  pause(): Promise<void> {
    this.pausedAt = performance.now();
    this.resumed = new Promise((resolve) => {
      this.releaseHeld = resolve;
    });
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  resume(): void {
    this.pausedAt = null;
    this.releaseHeld();
  }

  /** Ends the load: every client's next `pass` is false, and their waits end now. */
  stop(): void {
    this.stopped = true;
    this.resume();
    for (const end of [...this.waits]) end();
  }
}

export interface Phase<T> {
  calls: CallResult[];
  /** The suite's snapshot (CPU, /metrics) at the phase's start and end. */
  before: T;
  after: T;
}

/**
 * ROUNDS rounds of `seconds / ROUNDS` each of calls alone, then of calls while the load runs:
 * `startLoad` starts it (its clients pass `gate` before each request) at the first loaded phase;
 * between loaded phases it is paused, and each alone phase starts once none of its requests is in
 * flight. Stopped at the end.
 */
export async function callsAloneAndLoaded<T>(options: {
  seconds: number;
  /** Places the steady calls of one phase (a caller process's placeCalls, spawn-caller.ts). */
  placeCalls: (seconds: number, atOffset: number) => Promise<CallResult[]>;
  startLoad: (gate: LoadGate) => Promise<void>;
  snapshot: () => Promise<T>;
  /** Told when each phase starts (wall clock), to line slow calls up with BENCH_STALLS_DIR's records. */
  log: (line: string) => void;
}): Promise<{ alone: Phase<T>[]; loaded: Phase<T>[] }> {
  const phaseSeconds = options.seconds / ROUNDS;
  const alone: Phase<T>[] = [];
  const loaded: Phase<T>[] = [];
  const gate = new LoadGate();
  let load: Promise<void> | undefined;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const offset = round * phaseSeconds;
      let before = await options.snapshot();
      options.log(`  round ${round + 1}: alone from ${new Date().toISOString()}`);
      const aloneCalls = await options.placeCalls(phaseSeconds, offset);
      alone.push({ calls: aloneCalls, before, after: await options.snapshot() });
      before = await options.snapshot();
      options.log(`  round ${round + 1}: loaded from ${new Date().toISOString()}`);
      if (round === 0) load = options.startLoad(gate);
      else gate.resume();
      const loadedCalls = await options.placeCalls(phaseSeconds, offset);
      loaded.push({ calls: loadedCalls, before, after: await options.snapshot() });
      await gate.pause();
    }
  } finally {
    gate.stop();
    await load;
  }
  return { alone, loaded };
}

/** Every call of a condition's phases. */
export function allCalls<T>(phases: Phase<T>[]): CallResult[] {
  return phases.flatMap((phase) => phase.calls);
}

/** Each phase's p99 (ms), to show the spread behind the pooled figure. */
export function phaseP99s<T>(phases: Phase<T>[]): number[] {
  return phases.map((phase) => summary(phase.calls).p99);
}
