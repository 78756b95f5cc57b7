// Measures a set of queries: server-side Execution Time from EXPLAIN ANALYZE.
//
// Each query runs in blocks (warm-up runs, then measured runs) so it is timed in its own
// steady state: interleaving query by query let one query that reads the whole table evict the
// next query's index pages from shared_buffers, which showed up as a false difference between
// otherwise identical plans. The blocks are short and repeat over many passes, in alternating
// order, so drift over the run (other work on the machine moves a 0.02 ms query by half its time
// from one minute to the next) is spread over every query alike; the RLS-over-service ratios
// compare medians of queries that ran side by side, not minutes apart.
import type pg from "pg";
import type { BenchContext, Measurement } from "../suites/types";
import { type Identity, inTransaction } from "./database";
import { type ExplainResult, explainAnalyze, planShape } from "./explain";
import { summarise } from "./stats";

export interface QuerySpec {
  id: string;
  label: string;
  identity: Identity;
  sql: string;
  params?: unknown[];
}

/** How one run of a spec is executed; the default is one transaction per run, as the app does. */
export type Executor = (client: pg.Client, spec: QuerySpec) => Promise<ExplainResult>;

const perRunTransaction: Executor = (client, spec) =>
  inTransaction(client, spec.identity, (c) => explainAnalyze(c, spec.sql, spec.params ?? []));

export const PASSES = 15;
/** Unmeasured runs at the start of each later pass: enough to reload what other queries evicted. */
export const REWARM_RUNS = 1;

export async function measureQueries(
  context: BenchContext,
  specs: QuerySpec[],
  execute: Executor = perRunTransaction,
): Promise<Measurement[]> {
  const { client, settings } = context;
  const samples = new Map<string, ExplainResult[]>(specs.map((s) => [s.id, []]));
  const passes = Math.min(PASSES, settings.runs);
  for (let pass = 0; pass < passes; pass++) {
    // runs split as evenly as possible over the passes: 30 → 2 × 15
    const runs = Math.floor(settings.runs / passes) + (pass < settings.runs % passes ? 1 : 0);
    const warmup = pass === 0 ? settings.warmup : Math.min(REWARM_RUNS, settings.warmup);
    const order = pass % 2 ? [...specs].reverse() : specs; // no query always follows the same one
    for (const spec of order) {
      for (let i = 0; i < warmup; i++) await execute(client, spec);
      for (let i = 0; i < runs; i++) samples.get(spec.id)!.push(await execute(client, spec));
    }
  }

  return specs.map((spec) => {
    const results = samples.get(spec.id)!;
    const last = results.at(-1)!;
    const executionSamples = results.map((r) => r.executionMs);
    return {
      id: spec.id,
      label: spec.label,
      identity: spec.identity.kind === "user" ? "rls" : "service",
      sql: spec.sql,
      params: spec.params ?? [],
      executionMs: summarise(executionSamples),
      planningMs: summarise(results.map((r) => r.planningMs)),
      samplesMs: executionSamples,
      plan: planShape(last.plan),
      rawPlan: last.plan,
    };
  });
}
