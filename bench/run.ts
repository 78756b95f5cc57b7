// npm run bench: prepares the clinicall_bench database (create, migrate with the app's
// migrator, seed once), runs every suite in bench/suites, and writes bench/report.md and
// bench/report.json.
//
//   DATABASE_URL   a Postgres server URL (default postgres://postgres@127.0.0.1:5432/postgres);
//                  the bench uses its own database, clinicall_bench, on that server
//   BENCH_RUNS     measured runs per query (default 30)
//   BENCH_WARMUP   warm-up runs per query (default 5)
//   BENCH_RESEED=1 drop the bench data and seed again
//   BENCH_SUITES   comma-separated suite ids to run (default: all); the other suites' sections
//                  are carried over from the previous bench/report.json
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { openDatabase } from "../src/server/db/connection";
import { migrate } from "../src/server/db/migrator";
import { prepareDataset } from "./dataset";
import { connect, ensureBenchDatabase, redact, resolveUrls, ServerUnreachableError } from "./lib/database";
import { machineFacts } from "./lib/machine";
import { carriedOverEntries, type Report, suiteEntry, writeReport } from "./lib/report";
import { suites } from "./suites";
import type { BenchSettings } from "./suites/types";

const here = path.dirname(fileURLToPath(import.meta.url));
const RUN_LOCK_KEY = 727_274_901;
const log = (line: string) => process.stdout.write(`${line}\n`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

async function main(): Promise<void> {
  const started = performance.now();
  const settings: BenchSettings = { runs: positiveInt("BENCH_RUNS", 30), warmup: positiveInt("BENCH_WARMUP", 5) };
  const wanted = process.env.BENCH_SUITES?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const selected = wanted ? suites.filter((s) => wanted.includes(s.id)) : suites;
  if (wanted && selected.length !== wanted.length) {
    throw new Error(`unknown suite in BENCH_SUITES; known: ${suites.map((s) => s.id).join(", ")}`);
  }

  const urls = resolveUrls();
  const [load1] = os.loadavg();
  if (load1! > os.availableParallelism()) {
    log(`note: load average ${load1!.toFixed(1)} on ${os.availableParallelism()} cores; other work will add noise`);
  }
  if (await ensureBenchDatabase(urls)) log("created database clinicall_bench");

  // One bench run per server at a time: a second run would skew the first's numbers, and its
  // seed (truncate + load) would collide with the first's queries. Held until client.end().
  const client = await connect(urls.bench);
  const { rows: lock } = await client.query("select pg_try_advisory_lock($1) as ok", [RUN_LOCK_KEY]);
  if (!lock[0].ok) {
    log("another bench run is using clinicall_bench on this server; waiting for it to finish");
    await client.query("select pg_advisory_lock($1)", [RUN_LOCK_KEY]);
  }

  const database = await openDatabase({ databaseUrl: urls.bench, poolSize: 2 });
  let applied: number;
  try {
    applied = (await migrate(database)).length;
    log(applied ? `applied ${applied} migration(s)` : "schema up to date");
  } finally {
    await database.close();
  }

  try {
    const dataset = await prepareDataset(client, log, {
      forceReseed: process.env.BENCH_RESEED === "1",
      schemaChanged: applied > 0,
    });
    const machine = await machineFacts(client);
    const report: Report = {
      generatedAt: new Date().toISOString(),
      durationMs: 0,
      loadAverageAtEnd: [],
      server: redact(urls.server),
      settings,
      machine,
      dataset,
      suites: [],
    };
    for (const suite of selected) {
      log(`suite ${suite.id}: ${suite.title}`);
      await vacuumChurnedTables(client);
      await checkpoint(client, log);
      const ranAt = new Date().toISOString();
      const result = await suite.run({ client, dataset, settings, log });
      report.suites.push(suiteEntry(suite, ranAt, result));
      for (const m of result.measurements) {
        log(`  ${m.id.padEnd(20)} median ${m.executionMs.median.toFixed(3)} ms  p95 ${m.executionMs.p95.toFixed(3)} ms  ${m.plan.path}`);
      }
      for (const c of result.checks) if (!c.pass) log(`  CHECK FAILED: ${c.description}: ${c.detail}`);
    }
    // Suites this run skipped keep their last results, so the report always covers every suite.
    const jsonPath = path.join(here, "report.json");
    const skipped = suites.filter((s) => !selected.includes(s)).map((s) => s.id);
    const carried = carriedOverEntries(jsonPath, skipped);
    report.suites = suites
      .map((s) => report.suites.find((e) => e.id === s.id) ?? carried.find((e) => e.id === s.id))
      .filter((e) => e !== undefined);
    report.durationMs = Math.round(performance.now() - started);
    report.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
    const markdown = path.join(here, "report.md");
    writeReport(report, { markdown, json: jsonPath });

    const targets = report.suites.flatMap((s) => s.result.targets);
    for (const t of targets)
      log(`${t.pass ? "PASS" : "FAIL"}  ${t.description}: ${t.value.toFixed(t.unit === "x" ? 2 : 3)}${t.unit === "x" ? "x" : " ms"}`);
    log(`${targets.filter((t) => t.pass).length} of ${targets.length} targets pass; report: ${path.relative(process.cwd(), markdown)}`);
  } finally {
    await client.end();
  }
}

/**
 * Suites that write delete what they added, which leaves dead rows (and, for the call search
 * index, pending entries). Autovacuum would clear them in time, but it may be off on the server
 * (the report lists the setting) and in any case would run at a moment of its choosing, inside
 * the next suite's measurements. So each suite starts from vacuumed tables.
 */
async function vacuumChurnedTables(client: pg.Client): Promise<void> {
  await client.query("vacuum (analyze) public.calls, public.appointments");
}

/**
 * Writes every dirty page now, while nothing is measured. The seed and the suites before leave
 * dirty pages and WAL behind (a fresh seed and its vacuum: about a gigabyte); the checkpoint they
 * call for spreads its writes over the next minutes, inside whichever suite runs then, where each
 * commit's WAL flush queues behind them at the disk. Needs superuser or pg_checkpoint; without
 * them the run goes on, noted.
 */
async function checkpoint(client: pg.Client, log: (line: string) => void): Promise<void> {
  await client.query("checkpoint").catch((error: unknown) => {
    log(
      `  note: no checkpoint before the suite (${error instanceof Error ? error.message : String(error)}): a checkpoint may fall inside its measurements`,
    );
  });
}

main().catch((error: unknown) => {
  if (error instanceof ServerUnreachableError) {
    process.stderr.write(`bench: ${error.message}\n`);
  } else {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
