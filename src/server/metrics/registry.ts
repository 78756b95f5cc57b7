import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { describeError, log } from "@/server/log";

/** What a source of job counts reports: one row per job type and state. */
interface JobCount {
  type: string;
  state: string;
  count: number;
}

/** The pg Pool fields the pool gauges read. */
interface ObservedPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Everything /metrics exposes, in one registry. Sources that live elsewhere (database pools,
 * the job runner, the calendar outbox) are read at scrape time through the hooks below, so a
 * scrape always shows the present state and nothing polls in between.
 */
export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<"method" | "route" | "status">;
  incomingCalls: Counter<"outcome" | "reason">;
  webhookMessages: Counter<"webhook" | "outcome">;
  vapiHandOffDuration: Histogram<"result">;
  poolCheckoutDuration: Histogram<"pool">;
  pools: Map<string, ObservedPool>;
  /** Scrape-time readers, wired by render-metrics.ts. */
  sources: {
    jobCounts?: () => Promise<JobCount[]>;
    outboxLagSeconds?: () => Promise<number>;
  };
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const pools = new Map<string, ObservedPool>();
  const sources: Metrics["sources"] = {};

  new Gauge({
    name: "clinicall_db_pool_connections",
    help: "Connections of each Postgres pool: total open, idle, and checkouts waiting for one.",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, pool] of pools) {
        this.set({ pool: name, state: "total" }, pool.totalCount);
        this.set({ pool: name, state: "idle" }, pool.idleCount);
        this.set({ pool: name, state: "waiting" }, pool.waitingCount);
      }
    },
  });
  new Gauge({
    name: "clinicall_jobs",
    help: "Background jobs by type and state (created, retry, active, completed, cancelled, failed = dead), as pg-boss holds them at scrape time.",
    labelNames: ["type", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!sources.jobCounts) return;
      for (const row of await readSafely(sources.jobCounts, [])) this.set({ type: row.type, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: "clinicall_calendar_outbox_lag_seconds",
    help: "Age of the oldest appointment change due to reach Google Calendar (0 when none is due).",
    registers: [registry],
    async collect() {
      this.reset();
      if (!sources.outboxLagSeconds) return;
      const lag = await readSafely(sources.outboxLagSeconds, undefined);
      if (lag !== undefined) this.set(lag);
    },
  });

  return {
    registry,
    pools,
    sources,
    httpRequestDuration: new Histogram({
      name: "clinicall_http_request_duration_seconds",
      help: "API requests by route pattern, method and status: time until the response (its headers) was ready. _count is the number of requests.",
      labelNames: ["method", "route", "status"] as const,
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    }),
    incomingCalls: new Counter({
      name: "clinicall_incoming_calls_total",
      help: "Twilio voice webhook outcomes: answered (handed to the assistant), fallback (apology and voicemail; reason says why), replayed, not_registered, refused, invalid.",
      labelNames: ["outcome", "reason"] as const,
      registers: [registry],
    }),
    webhookMessages: new Counter({
      name: "clinicall_webhook_messages_total",
      help: "Other provider webhooks (Twilio status and voicemail, Vapi messages) by outcome.",
      labelNames: ["webhook", "outcome"] as const,
      registers: [registry],
    }),
    vapiHandOffDuration: new Histogram({
      name: "clinicall_vapi_handoff_seconds",
      help: "Time Vapi took to create a call for an incoming call, by result (ok, timeout, http_error, network, invalid_response).",
      labelNames: ["result"] as const,
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    }),
    poolCheckoutDuration: new Histogram({
      name: "clinicall_db_pool_checkout_seconds",
      help: "Time a query or transaction waited for a connection from each Postgres pool.",
      labelNames: ["pool"] as const,
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/** A source that fails (database down) leaves its metric out of this scrape instead of failing it. */
async function readSafely<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    log.warn({ err: describeError(error) }, "a metrics source failed; its metric is left out of this scrape");
    return fallback;
  }
}

// On globalThis: Next bundles this module into several chunks of one process; every copy must
// count into the same registry, or /metrics would show only the requests its own copy served.
const holder = globalThis as unknown as { __clinicallMetrics?: Metrics };

export function getMetrics(): Metrics {
  holder.__clinicallMetrics ??= createMetrics();
  return holder.__clinicallMetrics;
}
