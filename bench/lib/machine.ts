// Facts about where the bench ran: the client host, and the Postgres server's version and
// the settings that move these numbers.
import { execFileSync } from "node:child_process";
import os from "node:os";
import type pg from "pg";

export interface MachineFacts {
  host: { cores: number; cpuModel: string; memoryGiB: number; platform: string; node: string; loadAverageAtStart: number[] };
  postgres: { version: string; settings: Record<string, string> };
  gitCommit: string | null;
}

const SETTINGS = [
  "shared_buffers",
  "work_mem",
  "effective_cache_size",
  "random_page_cost",
  "max_parallel_workers_per_gather",
  "jit",
  "autovacuum",
  "synchronous_commit",
];

export async function machineFacts(client: pg.Client): Promise<MachineFacts> {
  const cpus = os.cpus();
  const { rows: version } = await client.query("select version() as v");
  const { rows: settings } = await client.query(
    "select name, setting, unit, current_setting(name) as shown from pg_settings where name = any($1) order by name",
    [SETTINGS],
  );
  let gitCommit: string | null = null;
  try {
    gitCommit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    gitCommit = null;
  }
  return {
    host: {
      cores: os.availableParallelism?.() ?? cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    postgres: {
      version: (version[0] as { v: string }).v,
      settings: Object.fromEntries(settings.map((r) => [r.name as string, r.shown as string])),
    },
    gitCommit,
  };
}
