import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import type { JobContext } from "@/server/jobs/job-definition";

export interface QueuedJob {
  id: string;
  data: Record<string, unknown>;
  start_after: Date;
  singleton_key: string | null;
}

/** The jobs of one type in pg-boss's table (any state), oldest first, for tests that run them by hand. */
export async function queuedJobs(
  db: Db,
  name: string,
  where: (data: Record<string, unknown>) => boolean = () => true,
): Promise<QueuedJob[]> {
  const { rows } = await db.execute(
    sql`select id, data, start_after, singleton_key from pgboss.job where name = ${name} order by created_on, id`,
  );
  return (rows as unknown as QueuedJob[]).filter((job) => where(job.data));
}

/** What a job's handler is given on its `retryCount`-th delivery. */
export const jobContext = (jobId: string, retryCount = 0): JobContext => ({ jobId, retryCount, signal: new AbortController().signal });
