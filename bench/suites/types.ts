// The suite interface. A suite measures one capability (RLS on calls, webhooks, booking, ...)
// against the shared dataset and returns structured results; bench/run.ts runs every suite
// listed in bench/suites/index.ts and writes one report (bench/report.md + bench/report.json).
import type pg from "pg";
import type { Dataset } from "../dataset";
import type { PlanNode, PlanShape } from "../lib/explain";
import type { Stats } from "../lib/stats";

export interface BenchSettings {
  /** Measured runs per query (after warm-up). */
  runs: number;
  /** Unmeasured runs per query before measuring, to warm caches. */
  warmup: number;
}

export interface BenchContext {
  /** A dedicated connection to clinicall_bench as the connecting role (the service path). */
  client: pg.Client;
  dataset: Dataset;
  settings: BenchSettings;
  log(line: string): void;
}

/** One measured query: server-side Execution Time from EXPLAIN ANALYZE over `runs` runs. */
export interface Measurement {
  id: string;
  label: string;
  /** "rls": as a signed-in member (role authenticated); "service": connecting role, no switch. */
  identity: "rls" | "service";
  sql: string;
  params: unknown[];
  executionMs: Stats;
  planningMs: Stats;
  samplesMs: number[];
  plan: PlanShape;
  /** The JSON plan of the last measured run. */
  rawPlan: PlanNode;
}

export interface Target {
  id: string;
  description: string;
  /** What is compared, e.g. "p95 of rls-page-naive" or "median rls-page-explicit / service-page". */
  metric: string;
  value: number;
  limit: number;
  unit: "ms" | "x";
  pass: boolean;
}

/** A correctness check that makes the numbers meaningful (e.g. RLS really filtered). */
export interface Check {
  description: string;
  pass: boolean;
  detail: string;
}

export interface SuiteResult {
  measurements: Measurement[];
  targets: Target[];
  checks: Check[];
  /** Findings, in Markdown, one list item each. */
  notes: string[];
  /** Extra report sections (Markdown), e.g. what would fix a failing target. */
  sections?: { title: string; markdown: string }[];
  /** Suite-specific raw numbers for report.json. */
  data?: unknown;
}

/**
 * A suite must leave the shared dataset as it found it: write inside a transaction it rolls back,
 * or delete what it added before it returns. The seed (~1-2 minutes) is reused only while the
 * database holds exactly DATASET_SPEC, so a suite that leaves rows behind makes every later run
 * reseed.
 */
export interface Suite {
  id: string;
  title: string;
  /** One paragraph for the report: what is measured and why. */
  description: string;
  run(context: BenchContext): Promise<SuiteResult>;
}
