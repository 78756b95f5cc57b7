// EXPLAIN (ANALYZE, TIMING OFF, BUFFERS, FORMAT JSON) and a compact description of the plan it
// returns. TIMING OFF: per-node clock reads cost something for every row at every plan node, so
// they inflate the total of a plan with one more node (e.g. the Result node that evaluates a
// policy's One-Time Filter) far beyond what that node costs when the query really runs. Without
// them the Execution Time is the query's own; the plan keeps its nodes, rows and buffers.
import type pg from "pg";

/** One node of Postgres's JSON plan (only the fields the bench reads are typed). */
export interface PlanNode {
  "Node Type": string;
  "Parent Relationship"?: string;
  "Subplan Name"?: string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Function Name"?: string;
  "Scan Direction"?: string;
  "Sort Method"?: string;
  "Index Cond"?: string;
  "Recheck Cond"?: string;
  Filter?: string;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  "Heap Fetches"?: number;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Plan Rows"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  "Exact Heap Blocks"?: number;
  "Lossy Heap Blocks"?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface ExplainResult {
  executionMs: number;
  planningMs: number;
  plan: PlanNode;
}

export async function explainAnalyze(client: pg.Client, sql: string, params: unknown[] = []): Promise<ExplainResult> {
  const { rows } = await client.query(`explain (analyze, timing off, buffers, format json) ${sql}`, params);
  const doc = (rows[0] as { "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number; "Planning Time": number }] })["QUERY PLAN"][0];
  return { executionMs: doc["Execution Time"], planningMs: doc["Planning Time"], plan: doc.Plan };
}

export interface PlanShape {
  /** Node types from the root down the main (non-InitPlan) path, e.g. "Limit → Sort → Index Scan". */
  path: string;
  /** Every index the plan touches. */
  indexes: string[];
  /** True when any node scans a table sequentially. */
  seqScan: boolean;
  /** Indented tree, one node a line, with conditions and actual rows. */
  tree: string[];
  /** Shared buffers hit / read for the whole plan (root node totals). */
  buffers: { hit: number; read: number };
}

function label(node: PlanNode): string {
  let text = node["Node Type"];
  if (node["Node Type"] === "Aggregate" && node.Strategy) text = `${node.Strategy === "Plain" ? "" : `${node.Strategy} `}Aggregate`;
  if (node["Scan Direction"] === "Backward") text += " Backward";
  if (node["Index Name"]) text += ` using ${node["Index Name"]}`;
  if (node["Relation Name"]) text += ` on ${node["Relation Name"]}`;
  if (node["Function Name"]) text += ` on ${node["Function Name"]}()`;
  if (node["Sort Method"]) text += ` (${node["Sort Method"]})`;
  return text;
}

function details(node: PlanNode): string {
  const parts: string[] = [];
  if (node["Index Cond"]) parts.push(`Index Cond: ${node["Index Cond"]}`);
  if (node["Recheck Cond"] && !node["Index Cond"]) parts.push(`Recheck Cond: ${node["Recheck Cond"]}`);
  if (node.Filter) parts.push(`Filter: ${node.Filter}`);
  if (node["Rows Removed by Filter"]) parts.push(`removed by filter: ${node["Rows Removed by Filter"]}`);
  if (node["Heap Fetches"] !== undefined) parts.push(`heap fetches: ${node["Heap Fetches"]}`);
  if (node["Exact Heap Blocks"]) parts.push(`heap blocks: ${node["Exact Heap Blocks"]}`);
  const loops = node["Actual Loops"] ?? 1;
  parts.push(`rows: ${node["Actual Rows"]}${loops > 1 ? ` x${loops} loops` : ""} (est. ${node["Plan Rows"]})`);
  return parts.join("; ");
}

export function planShape(root: PlanNode): PlanShape {
  const indexes = new Set<string>();
  const tree: string[] = [];
  let seqScan = false;
  const walk = (node: PlanNode, depth: number) => {
    if (node["Index Name"]) indexes.add(node["Index Name"]);
    if (node["Node Type"] === "Seq Scan") seqScan = true;
    const rel = node["Parent Relationship"];
    const prefix = rel === "InitPlan" || rel === "SubPlan" ? `[${node["Subplan Name"] ?? rel}] ` : "";
    tree.push(`${"  ".repeat(depth)}${prefix}${label(node)}  {${details(node)}}`);
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(root, 0);

  const path: string[] = [];
  let node: PlanNode | undefined = root;
  while (node) {
    path.push(label(node));
    node = (node.Plans ?? []).find((child) => child["Parent Relationship"] !== "InitPlan" && child["Parent Relationship"] !== "SubPlan");
  }
  return {
    path: path.join(" → "),
    indexes: [...indexes],
    seqScan,
    tree,
    buffers: { hit: root["Shared Hit Blocks"] ?? 0, read: root["Shared Read Blocks"] ?? 0 },
  };
}
