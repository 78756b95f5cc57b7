import type { PgBoss } from "pg-boss";
import { jobTypeList } from "./job-types";

export interface DeadJob {
  id: string;
  type: string;
  retries: number;
  failedAt: Date | null;
  error: string;
}

/** The message pg-boss stored for a failure (a serialized Error, or what the handler threw). */
function errorOf(output: unknown): string {
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message);
  if (output === null || output === undefined) return "";
  return JSON.stringify(output).slice(0, 500);
}

/** Jobs whose retries are exhausted (state `failed`), newest first; `type` narrows to one type. */
export async function listDeadJobs(boss: PgBoss, options: { type?: string; limit?: number } = {}): Promise<DeadJob[]> {
  const names = options.type ? [options.type] : jobTypeList().map((d) => d.name);
  const { rows } = await boss.getDb().executeSql(
    `select id, name, retry_count, completed_on, output from pgboss.job
     where state = 'failed' and name = any($1::text[]) order by completed_on desc nulls last limit $2`,
    [names, options.limit ?? 1000],
  );
  return rows.map((row) => ({
    id: String(row.id),
    type: String(row.name),
    retries: Number(row.retry_count),
    failedAt: row.completed_on ? new Date(row.completed_on as string) : null,
    error: errorOf(row.output),
  }));
}

/** The newest dead job's error of each type that has one. */
export async function lastErrorByType(boss: PgBoss): Promise<Map<string, DeadJob>> {
  const last = new Map<string, DeadJob>();
  for (const job of await listDeadJobs(boss)) if (!last.has(job.type)) last.set(job.type, job);
  return last;
}

/** Puts dead jobs back in the queue (pg-boss `retry`); returns how many. */
export async function retryDeadJobs(boss: PgBoss, options: { type?: string; id?: string } = {}): Promise<number> {
  const dead = (await listDeadJobs(boss, { type: options.type })).filter((job) => !options.id || job.id === options.id);
  let retried = 0;
  for (const [type, ids] of groupByType(dead)) retried += affected(await boss.retry(type, ids));
  return retried;
}

/** Deletes dead jobs for good; returns how many. */
export async function purgeDeadJobs(boss: PgBoss, options: { type?: string; id?: string } = {}): Promise<number> {
  const dead = (await listDeadJobs(boss, { type: options.type })).filter((job) => !options.id || job.id === options.id);
  let purged = 0;
  for (const [type, ids] of groupByType(dead)) purged += affected(await boss.deleteJob(type, ids));
  return purged;
}

function groupByType(jobs: DeadJob[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const job of jobs) groups.set(job.type, [...(groups.get(job.type) ?? []), job.id]);
  return groups;
}

/** pg-boss answers `{ affected }` to these commands; its published type leaves the field out. */
function affected(response: object): number {
  return Number((response as { affected?: number }).affected ?? 0);
}
