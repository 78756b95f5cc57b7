import type { PgBoss } from "pg-boss";
import { getJobBoss } from "./job-runner";
import { jobTypeList } from "./job-types";

/** pg-boss's job states; `failed` holds the dead jobs (retries exhausted). */
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
type JobState = (typeof JOB_STATES)[number];

export interface JobCount {
  type: string;
  state: JobState;
  count: number;
}

/**
 * How many jobs of each registered type are in each state (every pair, zeros included), as
 * retained by pg-boss: completed and failed jobs are kept for the queue's retention, then deleted.
 */
export async function jobCounts(boss?: PgBoss): Promise<JobCount[]> {
  const runner = boss ?? (await getJobBoss());
  const { rows } = await runner
    .getDb()
    .executeSql(`select name, state::text as state, count(*)::int as count from pgboss.job group by name, state`);
  const found = new Map(rows.map((row) => [`${row.name}\u0000${row.state}`, Number(row.count)]));
  return jobTypeList().flatMap((definition) =>
    JOB_STATES.map((state) => ({ type: definition.name, state, count: found.get(`${definition.name}\u0000${state}`) ?? 0 })),
  );
}
