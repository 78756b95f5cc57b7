// Writes bench/report.md (for people) and bench/report.json (every number, for tools).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Dataset } from "../dataset";
import type { BenchSettings, Suite, SuiteResult } from "../suites/types";
import type { MachineFacts } from "./machine";
import { PASSES, REWARM_RUNS } from "./measure";
import { ms } from "./stats";

export interface Report {
  generatedAt: string;
  durationMs: number;
  loadAverageAtEnd: number[];
  server: string;
  settings: BenchSettings;
  machine: MachineFacts;
  dataset: Dataset;
  suites: SuiteEntry[];
}

export interface SuiteEntry {
  id: string;
  title: string;
  description: string;
  /** When this suite was measured; earlier than generatedAt when carried over from a previous run. */
  ranAt: string;
  result: SuiteResult;
}

export function writeReport(report: Report, paths: { markdown: string; json: string }): void {
  writeFileSync(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(paths.markdown, renderMarkdown(report));
}

export function suiteEntry(suite: Suite, ranAt: string, result: SuiteResult): SuiteEntry {
  return { id: suite.id, title: suite.title, description: suite.description, ranAt, result };
}

/**
 * The entries of a previous report.json for suites this run skipped (BENCH_SUITES), so running
 * one suite does not drop the others from the report. Unreadable or foreign files give nothing.
 */
export function carriedOverEntries(jsonPath: string, skipped: string[]): SuiteEntry[] {
  if (!skipped.length || !existsSync(jsonPath)) return [];
  try {
    const previous = JSON.parse(readFileSync(jsonPath, "utf8")) as Partial<Report>;
    return (previous.suites ?? []).filter(
      (entry): entry is SuiteEntry =>
        skipped.includes(entry?.id) && typeof entry.ranAt === "string" && Array.isArray(entry.result?.targets),
    );
  } catch {
    return [];
  }
}

const n = (x: number) => x.toLocaleString("en");
const verdict = (pass: boolean) => (pass ? "PASS" : "**FAIL**");
const formatTarget = (value: number, unit: "ms" | "x") =>
  unit === "ms" ? `${ms(value)} ms` : `${value >= 100 ? n(Math.round(value)) : value.toFixed(2)}x`;

function renderMarkdown(report: Report): string {
  const { machine, dataset } = report;
  const targets = report.suites.flatMap((s) => s.result.targets);
  const checks = report.suites.flatMap((s) => s.result.checks);
  const passed = targets.filter((t) => t.pass).length;
  const out: string[] = [];

  out.push("# Clinicall benchmark report", "");
  out.push(
    `Run on **${report.generatedAt.slice(0, 10)}** (${report.generatedAt}) by \`npm run bench\`, ` +
      `repository HEAD ${machine.gitCommit ? `\`${machine.gitCommit}\`` : "unknown"}; the whole run took ` +
      `${(report.durationMs / 1000).toFixed(0)} s. Raw numbers: [report.json](report.json).`,
    "",
  );
  out.push(
    `**${passed} of ${targets.length} targets pass.**` +
      (checks.every((c) => c.pass)
        ? " All correctness checks pass."
        : " **Some correctness checks FAIL: the numbers below may not mean what they say.**"),
    "",
  );
  out.push("| Target | Measured | Limit | Result |", "|---|---|---|---|");
  for (const t of targets) {
    out.push(
      `| ${t.description} | ${formatTarget(t.value, t.unit)} (${t.metric}) | ${t.unit === "ms" ? "< " : "≤ "}${formatTarget(t.limit, t.unit)} | ${verdict(t.pass)} |`,
    );
  }
  out.push("");

  out.push("## Machine", "");
  out.push(
    `- Bench host: ${machine.host.cores} cores (${machine.host.cpuModel}), ${machine.host.memoryGiB} GiB RAM, ${machine.host.platform}, Node ${machine.host.node}`,
  );
  out.push(
    `- Load average (1/5/15 min) at the start: ${machine.host.loadAverageAtStart.join(" / ")}; at the end: ${report.loadAverageAtEnd.join(" / ")}` +
      (Math.max(...machine.host.loadAverageAtStart, ...report.loadAverageAtEnd) > machine.host.cores
        ? " (**busier than the core count**: other work shared the machine, so treat small differences with care)"
        : ""),
  );
  out.push(`- Server: ${report.server} (database \`clinicall_bench\`)`);
  out.push(`- Postgres: ${machine.postgres.version}`);
  out.push(
    `- Settings: ${Object.entries(machine.postgres.settings)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(", ")}`,
  );
  out.push("");

  out.push("## Dataset", "");
  const d = dataset;
  out.push("| | |", "|---|---|");
  out.push(
    `| Organisations | ${n(d.spec.organisations)}, one user each (\`auth.users\` + \`organisation_members\`, role owner) and one phone number each |`,
  );
  out.push(
    `| Calls | ${n(d.spec.calls)}, \`created_at\` uniform over the last ${d.spec.spanDays} days, inserted in time order (each organisation's rows are spread over the whole table) |`,
  );
  out.push(
    `| The large organisation | "${d.largeOrganisation.name}": ${n(d.largeOrganisation.calls)} calls; measured as its member \`${d.largeOrganisation.memberUserId}\` |`,
  );
  out.push(
    `| The other ${n(d.otherOrganisations.count)} | ${n(d.otherOrganisations.minCalls)} to ${n(d.otherOrganisations.maxCalls)} calls each (median ${n(d.otherOrganisations.medianCalls)}) |`,
  );
  out.push(
    `| Statuses | ${Object.entries(d.statuses)
      .map(([s, c]) => `${s} ${n(c)}`)
      .join(", ")} (the \`call_status_rank\` vocabulary); finished calls' \`ended_reason\`: ${Object.entries(d.endedReasons)
      .map(([s, c]) => `${s} ${((100 * c) / d.spec.calls).toFixed(0)}%`)
      .join(", ")} |`,
  );
  out.push(
    `| Size on disk | \`calls\` heap ${d.sizes.callsHeap}, total with indexes ${d.sizes.callsTotal}; ${Object.entries(d.sizes.callsIndexes)
      .map(([i, s]) => `\`${i}\` ${s}`)
      .join(", ")} |`,
  );
  out.push(
    `| Seed | ${d.seedMs !== null ? `seeded by this run in **${(d.seedMs / 1000).toFixed(1)} s**` : `reused the seed of ${d.seededAt} (which took ${(d.originalSeedMs / 1000).toFixed(1)} s)`}: set-based \`generate_series\` inserts in one transaction, foreign-key triggers off for the load (\`session_replication_role = replica\`; every reference is generated from the same numbering), secondary indexes on calls dropped for the load and rebuilt after it, check constraints enforced, then \`VACUUM (ANALYZE)\` |`,
  );
  out.push("");
  out.push(
    "Transcripts, messages and the other bulky per-call payloads (`assistant_snapshot`, `structured_data`, ...) are left empty: real ones are several KB and stored out of line (TOAST), so they barely change the size of the rows these queries read.",
    "",
  );

  for (const suite of report.suites) {
    const r = suite.result;
    out.push(`## ${suite.title}`, "", suite.description, "");
    if (suite.ranAt < report.generatedAt) {
      out.push(
        `_Carried over from the run of ${suite.ranAt} (this run skipped it): machine load and dataset may ` +
          `have differed. Refresh with \`BENCH_SUITES=${suite.id} npm run bench\`._`,
        "",
      );
    }
    if (r.measurements.length) {
      out.push("| Query | As | Median | p95 | Min | Max | Planning (median) | Plan | Index |", "|---|---|---|---|---|---|---|---|---|");
      for (const m of r.measurements) {
        out.push(
          `| ${m.label} | ${m.identity} | ${ms(m.executionMs.median)} ms | ${ms(m.executionMs.p95)} ms | ${ms(m.executionMs.min)} | ${ms(m.executionMs.max)} | ${ms(m.planningMs.median)} ms | ${m.plan.path.replace(/\|/g, "\\|")} | ${m.plan.indexes.map((i) => `\`${i}\``).join(", ") || (m.plan.seqScan ? "none (seq scan)" : "none")} |`,
        );
      }
      out.push("", `Times are server-side Execution Time in ms over ${report.settings.runs} runs per query (after warm-up runs).`, "");
    }

    if (r.targets.length) {
      out.push("### Targets", "", "| Target | Measured | Limit | Result |", "|---|---|---|---|");
      for (const t of r.targets)
        out.push(`| ${t.description} | ${formatTarget(t.value, t.unit)} | ${formatTarget(t.limit, t.unit)} | ${verdict(t.pass)} |`);
      out.push("");
    }

    if (r.checks.length) {
      out.push("### Correctness checks", "");
      for (const c of r.checks) out.push(`- ${c.pass ? "PASS" : "**FAIL**"}: ${c.description}: ${c.detail}`);
      out.push("");
    }

    if (r.notes.length) {
      out.push("### Findings", "");
      for (const note of r.notes) out.push(`- ${note}`);
      out.push("");
    }
    for (const section of r.sections ?? []) out.push(`### ${section.title}`, "", section.markdown.trim(), "");

    if (r.measurements.length)
      out.push("### Plans", "", "The last measured run of each query: node, then {conditions; actual rows (planner's estimate)}.", "");
    for (const m of r.measurements) {
      out.push(
        `**${m.label}** (as ${m.identity}${m.params.length ? `, $1 = \`${m.params.join("`, `")}\`` : ""}), buffers: ${n(m.plan.buffers.hit)} hit, ${n(m.plan.buffers.read)} read`,
        "",
      );
      out.push("```sql", m.sql, "```", "```", ...m.plan.tree, "```", "");
    }
  }

  out.push("## Method (calls suites)", "");
  out.push(
    "- Each query runs in its own transaction, as the app's `runAsUser` / `asService` do, under `EXPLAIN (ANALYZE, TIMING OFF, BUFFERS, FORMAT JSON)`; the figure is the plan's `Execution Time` (server-side, excludes planning and the network).",
    `- Each query runs in blocks: ${report.settings.warmup} unmeasured warm-up runs before its first block and ${REWARM_RUNS} before each later one, then measured runs; the blocks repeat in ${PASSES} passes over the suite's queries, in alternating order. So each query is timed in its own steady state, and drift over the run (other work on the machine, which moved a 0.02 ms query by half its time from one minute to the next) is shared by every query. (Interleaving query by query let the naive page, which reads most of the table, evict the next query's index pages and skew its time.)`,
    "- Latency targets use the p95; RLS-overhead targets compare medians (a ratio of two sub-millisecond p95s is mostly noise).",
    "- `TIMING OFF` because per-node timing (on by default) reads the clock for every row at every plan node: it overstated plans with one more node than their service twin, such as the Result node of a policy's One-Time Filter (when this was chosen: 0.79 against 0.44 ms for a 4,000-row count with per-node timing, 0.32 against 0.24 ms without it). Per-node times are therefore not in the plans below; rows and buffers are.",
    "- Re-runs reuse the seeded database when it holds exactly the target sizes; set `BENCH_RESEED=1` to force a fresh seed.",
    "",
  );
  return `${out.join("\n")}\n`;
}
