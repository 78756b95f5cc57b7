import type { PGlite } from "@electric-sql/pglite";
import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "@/server/db/database";

/** pg-boss keeps its tables in a schema of its own, which no API role can use (see the migration). */
export const JOBS_SCHEMA = "pgboss";

export interface JobBossOptions {
  database: Database;
  /** The Postgres server's connection string; absent on PGlite. */
  databaseUrl: string | undefined;
  /** true: this process works jobs, supervises queues and runs the schedules. false: it only enqueues. */
  work: boolean;
  poolSize: number;
}

/**
 * A pg-boss instance over the process's database. On PGlite it shares the one embedded
 * connection (pg-boss's own adapter: multi-statement DDL through exec, LISTEN in process); on a
 * Postgres server it opens a small pool of its own, apart from the pools that serve requests,
 * so a busy queue cannot take the connections calls need.
 */
export function createJobBoss(options: JobBossOptions): PgBoss {
  const roles = {
    schema: JOBS_SCHEMA,
    supervise: options.work,
    schedule: options.work,
    migrate: true,
    // Counted by the process that supervises, for `npm run jobs -- list` and the metrics.
    persistWarnings: false,
  } as const;
  if (options.database.kind === "pglite") {
    const client = (options.database.db as unknown as { $client: PGlite }).$client;
    return new PgBoss({ ...roles, backend: "pglite", db: fromPglite(client) });
  }
  if (!options.databaseUrl) throw new Error("A Postgres database needs its connection string for the job runner");
  return new PgBoss({
    ...roles,
    connectionString: options.databaseUrl,
    max: options.poolSize,
    application_name: options.work ? "clinicall-jobs" : "clinicall-enqueue",
    useListenNotify: options.work,
  });
}
