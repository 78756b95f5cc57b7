// Suite: calls first. The Twilio voice webhook at a steady rate while 50 dashboard clients page
// the call list and export CSV, against the same webhook load alone: the phone must not feel the
// dashboard.
import { createHash, randomBytes } from "node:crypto";
import {
  allCalls,
  CALLS_PER_SECOND,
  callsAloneAndLoaded,
  type LoadGate,
  MEASURE_SECONDS,
  type Phase,
  phaseP99s,
  ROUNDS,
  summary,
} from "../lib/calls-alone-and-loaded";
import { cpuTable, loadSuiteCpuMeter, sumUsage } from "../lib/cpu-time";
import { BENCH_TWILIO_TOKEN, spawnAppServer } from "../lib/spawn-app-server";
import { spawnCaller } from "../lib/spawn-caller";
import { ms, percentile } from "../lib/stats";
import { prepareClinics } from "./twilio-webhook";
import type { BenchContext, Suite, SuiteResult, Target } from "./types";

const WARMUP_SECONDS = 10;
const DASHBOARD_CLIENTS = 50;
/** Each dashboard client pages this many list pages (by cursor), then exports CSV, and repeats. */
const PAGES_PER_EXPORT = 5;
/** The large clinic's export covers this many days back from its newest call. */
const EXPORT_DAYS = 60;
const P99_TARGET_MS = 100;
const ALONE_RATIO_LIMIT = 2;
const METRICS_TOKEN = "bench-metrics-token-0123456789abcdef";
// Call SIDs are "CA" + 32 hex digits; this prefix marks this suite's calls for clean-up.
const SID_PREFIX = "CAccccccc";

interface DashboardResult {
  pages: number[];
  exports: number[];
  exportRows: number;
  /** Answers by status and, for refusals, error code ("200", "503 busy"). */
  statuses: Record<string, number>;
}

function latency(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, p50: 0, p99: 0 }; // none completed: the check below fails
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export const mixedLoadSuite: Suite = {
  id: "mixed-load",
  title: "Calls first: the webhook under a dashboard and export surge",
  description:
    `The Twilio voice webhook at a steady ${CALLS_PER_SECOND} calls/s (a 1,000-clinic fleet's busy hour; calls ` +
    `arrive on schedule whatever the answers' latency) for ${MEASURE_SECONDS} s alone and ${MEASURE_SECONDS} s while ` +
    `${DASHBOARD_CLIENTS} signed-in dashboard clients, back to back with no pause (a client refused with 503 busy waits the advised Retry-After, as the dashboard's pages do), page the call list (` +
    `${PAGES_PER_EXPORT} pages by cursor) and then export CSV, over and over: half are members of the large clinic ` +
    `(exporting its last ${EXPORT_DAYS} days), half of the median one (exporting everything). All requests go ` +
    "through the app's route handlers (signature check, session, row level security, the app's own database " +
    "pools as configured) in a server process of their own; the Vapi emulator runs in another, the callers and " +
    "dashboard clients in the bench's process. A call falls back when its answer is not Vapi's TwiML. The two " +
    `conditions take turns in ${ROUNDS} rounds (alone, then loaded, each ${MEASURE_SECONDS / ROUNDS} s), so that what drifts over ` +
    "the run weighs on both: the dashboard clients start together in the first loaded phase; between loaded phases " +
    "they are held, the alone phase starting once none of their requests is in flight, and then go on where they " +
    "left off. Each condition's p99 is over all its calls.",

  async run(context: BenchContext): Promise<SuiteResult> {
    const numbers = await prepareClinics(context);
    const sessions = await createSessions(context);
    const app = await spawnAppServer({ METRICS_TOKEN });
    const { url: appUrl, vapi } = app;

    // The calls come from a process of their own: the load's clients never hold the callers' event loop.
    const caller = await spawnCaller({ appUrl, numbers, authToken: BENCH_TWILIO_TOKEN, sidPrefix: SID_PREFIX }).catch((error: unknown) => {
      app.close();
      throw error;
    });

    const dashboard: DashboardResult = { pages: [], exports: [], exportRows: 0, statuses: {} };
    /** One request as a signed-in client; a refusal as busy waits the advised Retry-After (through the load's gate, when given). */
    const get = async (path: string, cookie: string, gate?: LoadGate) => {
      const t0 = performance.now();
      let status = 0; // 0: the response was cut off or the connection failed
      let text = "";
      let retryAfter: number | null = null;
      const request = async () => {
        const response = await fetch(`${appUrl}${path}`, { headers: { cookie: `clinicall_session=${cookie}` } });
        text = await response.text();
        status = response.status;
        retryAfter = Number(response.headers.get("retry-after")) || null;
      };
      try {
        await (gate ? gate.track(request()) : request());
      } catch {
        // counted under status 0
      }
      // A refusal is counted with its error code ("503 busy", "503 database_unavailable").
      const code = status >= 400 ? (/"code":"([a-z_]+)"/.exec(text.slice(0, 200))?.[1] ?? "") : "";
      const key = code ? `${status} ${code}` : String(status);
      dashboard.statuses[key] = (dashboard.statuses[key] ?? 0) + 1;
      const ms = performance.now() - t0;
      // Refused as busy: wait as the dashboard's pages do (use-api-resource.ts: the advised delay,
      // spread by up to half again), then go on.
      if (status === 503 && retryAfter !== null && gate) await gate.sleep(retryAfter * 1000 * (1 + Math.random() * 0.5));
      return { ms, ok: status === 200, text };
    };
    const dashboardClient = async (client: number, gate: LoadGate) => {
      const session = sessions[client % sessions.length]!;
      for (;;) {
        let cursor: string | null = null;
        for (let page = 0; page < PAGES_PER_EXPORT; page++) {
          if (!(await gate.pass())) return;
          const res = await get(`/api/call-logs${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, session.token, gate);
          dashboard.pages.push(res.ms);
          cursor = res.ok ? ((JSON.parse(res.text) as { next_cursor: string | null }).next_cursor ?? null) : null;
        }
        if (!(await gate.pass())) return;
        const res = await get(`/api/call-logs/export.csv${session.exportQuery}`, session.token, gate);
        dashboard.exports.push(res.ms);
        dashboard.exportRows += res.ok ? res.text.split("\n").length - 2 : 0;
      }
    };
    /** The dashboard surge: all clients start at once. */
    const startDashboard = async (gate: LoadGate) => {
      await Promise.all(Array.from({ length: DASHBOARD_CLIENTS }, (_, i) => dashboardClient(i, gate)));
    };

    const scrapePools = async () => {
      const response = await fetch(`${appUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      return parsePoolCheckouts(await response.text());
    };

    try {
      const callsBefore = await vapi.callsCreated();
      context.log(
        `  mixed load: ${WARMUP_SECONDS} s warm-up, then ${ROUNDS} rounds of ${ms(MEASURE_SECONDS / ROUNDS)} s of calls alone and ${ms(MEASURE_SECONDS / ROUNDS)} s with ${DASHBOARD_CLIENTS} dashboard clients`,
      );
      // Warm-up: calls, and each dashboard request once (the first loads code imported on first use).
      await caller.placeCalls(WARMUP_SECONDS);
      const warmed: string[] = [];
      for (const session of sessions) {
        for (const path of ["/api/call-logs", `/api/call-logs/export.csv${session.exportQuery}`]) {
          const res = await get(path, session.token);
          warmed.push(`${path.split("?")[0]} ${res.ok ? "" : "(failed) "}${ms(res.ms)} ms`);
        }
      }
      context.log(`  dashboard warm-up: ${warmed.join(", ")}`);
      dashboard.statuses = {};
      const cpu = loadSuiteCpuMeter(app.serverPid, vapi.pid, caller.pid);
      const phases = await callsAloneAndLoaded({
        seconds: MEASURE_SECONDS,
        placeCalls: caller.placeCalls,
        log: context.log,
        startLoad: startDashboard,
        snapshot: async () => ({ cpu: cpu.snapshot(), pools: await scrapePools() }),
      });
      const alone = summary(allCalls(phases.alone));
      const mixed = summary(allCalls(phases.loaded));
      const vapiCalls = (await vapi.callsCreated()) - callsBefore;
      const placed = (WARMUP_SECONDS + 2 * MEASURE_SECONDS) * CALLS_PER_SECOND;
      const { rows: failedRows } = await context.client.query<{ n: string }>(
        `select count(*) as n from public.calls where twilio_call_sid like '${SID_PREFIX}%' and status = 'failed'`,
      );
      const failedCalls = Number(failedRows[0]!.n);
      const ratio = mixed.p99 / alone.p99;
      const pages = latency(dashboard.pages);
      const exports = latency(dashboard.exports);
      const cpuUsage = (list: Phase<Snapshot>[]) => sumUsage(list.map((phase) => cpu.between(phase.before.cpu, phase.after.cpu)));

      const targets: Target[] = [
        {
          id: "mixed-load-webhook-p99",
          description: `Twilio webhook p99 under ${P99_TARGET_MS} ms at ${CALLS_PER_SECOND} calls/s with ${DASHBOARD_CLIENTS} dashboard clients paging and exporting`,
          metric: "p99 latency seen by the callers (with the dashboard load)",
          value: mixed.p99,
          limit: P99_TARGET_MS,
          unit: "ms",
          pass: mixed.p99 < P99_TARGET_MS,
        },
        {
          id: "mixed-load-vs-alone",
          description: `Webhook p99 with the dashboard load within ${ALONE_RATIO_LIMIT}x of its p99 alone`,
          metric: "p99 with dashboard load / p99 alone",
          value: ratio,
          limit: ALONE_RATIO_LIMIT,
          unit: "x",
          pass: ratio <= ALONE_RATIO_LIMIT,
        },
      ];
      const poolRows = Object.keys(phases.loaded[0]?.after.pools ?? {}).map((pool) => {
        const condition = (list: Phase<Snapshot>[]) => {
          let count = 0;
          let sum = 0;
          let slow = 0;
          for (const { before, after } of list) {
            count += (after.pools[pool]?.count ?? 0) - (before.pools[pool]?.count ?? 0);
            sum += (after.pools[pool]?.sum ?? 0) - (before.pools[pool]?.sum ?? 0);
            slow += (after.pools[pool]?.over10ms ?? 0) - (before.pools[pool]?.over10ms ?? 0);
          }
          return `${count.toLocaleString("en")} checkouts, mean wait ${ms(count ? (sum / count) * 1000 : 0)} ms, ${slow.toLocaleString("en")} waited > 10 ms`;
        };
        return `| ${pool} | ${condition(phases.alone)} | ${condition(phases.loaded)} |`;
      });
      const row = (name: string, s: ReturnType<typeof summary>) =>
        `| ${name} | ${s.calls.toLocaleString("en")} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.serverP50)} | ${ms(s.serverP99)} | ${s.fallbacks} | ${s.slowestAt.join(", ")} |`;
      return {
        measurements: [],
        targets,
        checks: [
          {
            description: "no call fell back: every webhook answered 200 with Vapi's TwiML, one Vapi call each, no call row failed",
            pass: alone.fallbacks === 0 && mixed.fallbacks === 0 && vapiCalls === placed && failedCalls === 0,
            detail: `fallbacks alone ${alone.fallbacks}, with dashboard ${mixed.fallbacks}; Vapi calls ${vapiCalls} of ${placed} placed; failed call rows ${failedCalls}`,
          },
          {
            description:
              "the dashboard clients really loaded the app: pages and exports answered 200, and the only refusal was 503 busy (the designed answer beyond the dashboard's slots), never an error",
            pass:
              pages.count > 0 &&
              exports.count > 0 &&
              (dashboard.statuses["200"] ?? 0) > 0 &&
              Object.keys(dashboard.statuses).every((s) => s === "200" || s === "503 busy"),
            detail: `${pages.count} list pages, ${exports.count} exports (${dashboard.exportRows.toLocaleString("en")} rows); statuses ${JSON.stringify(dashboard.statuses)}`,
          },
        ],
        notes: [
          `Alone the webhook's p99 is ${ms(alone.p99)} ms (rounds: ${phaseP99s(phases.alone).map(ms).join(", ")}); with ` +
            `${DASHBOARD_CLIENTS} dashboard clients it is ${ms(mixed.p99)} ms (rounds: ${phaseP99s(phases.loaded).map(ms).join(", ")}), ` +
            `${ratio.toFixed(2)}x, while the clients completed ${pages.count.toLocaleString("en")} list pages (p99 ${ms(pages.p99)} ms) ` +
            `and ${exports.count.toLocaleString("en")} CSV exports (p99 ${ms(exports.p99)} ms) in the same ${MEASURE_SECONDS} s.`,
          "Webhooks use the service pool, session look-ups the auth pool and signed-in reads the user pool, so the " +
            "dashboard takes no service connection; the pool table shows how often a checkout waited in each phase " +
            "(from the server's /metrics).",
          "The server process, the callers, the 50 dashboard clients (which also read every CSV byte), the Vapi " +
            "emulator and Postgres share this machine's 2 cores (the CPU table says who used what). In the server the " +
            "webhook and the dashboard share one event loop: the dashboard's heavy work holds a slot " +
            "(DASHBOARD_HEAVY_CONCURRENCY) and waits its turn while the loop is busier than DASHBOARD_EVENT_LOOP_LIMIT " +
            "(default 0.6), so a surge slows the dashboard's answers instead of the calls'.",
        ],
        sections: [
          {
            title: `Webhook at ${CALLS_PER_SECOND} calls/s, ${MEASURE_SECONDS} s of each condition in ${ROUNDS} alternating rounds`,
            markdown: [
              "| phase | calls | p50 ms | p99 ms | max ms | server's part p50 ms | server's part p99 ms | fallbacks | slowest 1% placed at (s into the condition) |",
              "|---|---|---|---|---|---|---|---|---|",
              row("webhook alone", alone),
              row(`webhook + ${DASHBOARD_CLIENTS} dashboard clients`, mixed),
              "",
              "| dashboard request | count | p50 ms | p99 ms |",
              "|---|---|---|---|",
              `| call list page | ${pages.count} | ${ms(pages.p50)} | ${ms(pages.p99)} |`,
              `| CSV export | ${exports.count} | ${ms(exports.p50)} | ${ms(exports.p99)} |`,
              "",
              "| pool | webhook alone | webhook + dashboard |",
              "|---|---|---|",
              ...poolRows,
              "",
              cpuTable([
                { name: "webhook alone", seconds: MEASURE_SECONDS, usage: cpuUsage(phases.alone) },
                { name: "webhook + dashboard", seconds: MEASURE_SECONDS, usage: cpuUsage(phases.loaded) },
              ]),
            ].join("\n"),
          },
        ],
        data: {
          alone,
          mixed,
          ratio,
          pages,
          exports,
          dashboardStatuses: dashboard.statuses,
          vapiCalls,
          placed,
          failedCalls,
          roundP99s: { alone: phaseP99s(phases.alone), mixed: phaseP99s(phases.loaded) },
          cpu: { alone: cpuUsage(phases.alone), mixed: cpuUsage(phases.loaded) },
        },
      };
    } finally {
      caller.close();
      app.close();
      await context.client.query(`delete from public.calls where twilio_call_sid like '${SID_PREFIX}%'`);
      await context.client.query(`delete from public.user_sessions where id = any($1::uuid[])`, [sessions.map((s) => s.id)]);
    }
  },
};

type Snapshot = { cpu: number[]; pools: PoolCheckouts };

type PoolCheckouts = Record<string, { count: number; sum: number; over10ms: number }>;

/** clinicall_db_pool_checkout_seconds per pool: checkouts, total wait, and how many waited > 10 ms. */
function parsePoolCheckouts(text: string): PoolCheckouts {
  const pools: PoolCheckouts = {};
  for (const line of text.split("\n")) {
    const match = line.match(/^clinicall_db_pool_checkout_seconds_(count|sum|bucket)\{(.*)\} (\S+)$/);
    if (!match) continue;
    const pool = match[2]!.match(/pool="([^"]+)"/)?.[1];
    if (!pool) continue;
    pools[pool] ??= { count: 0, sum: 0, over10ms: 0 };
    const entry = pools[pool];
    const value = Number(match[3]);
    if (match[1] === "count") entry.count = value;
    if (match[1] === "sum") entry.sum = value;
    if (match[1] === "bucket" && match[2]!.includes('le="0.01"')) entry.over10ms = -value; // completed below
  }
  for (const entry of Object.values(pools)) entry.over10ms += entry.count;
  return pools;
}

/** A session for the large and the median clinic's member each (the cookie's token; only its hash is stored). */
async function createSessions(context: BenchContext) {
  const members = [context.dataset.largeOrganisation, context.dataset.medianOrganisation];
  const sessions: { id: string; token: string; exportQuery: string }[] = [];
  for (const member of members) {
    const token = randomBytes(32).toString("base64url");
    const { rows } = await context.client.query<{ id: string; newest: Date | null }>(
      `insert into public.user_sessions (user_id, token_hash, current_organisation_id, expires_at)
       values ($1, $2, $3, now() + interval '1 day')
       returning id, (select max(created_at) from public.calls where organisation_id = $3) as newest`,
      [member.memberUserId, createHash("sha256").update(token).digest("hex"), member.id],
    );
    const newest = rows[0]!.newest;
    const exportQuery =
      member === context.dataset.largeOrganisation && newest
        ? `?from=${new Date(newest.getTime() - EXPORT_DAYS * 86_400_000).toISOString().slice(0, 10)}`
        : "";
    sessions.push({ id: rows[0]!.id, token, exportQuery });
  }
  return sessions;
}
