import "server-only";
import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { observePool } from "@/server/metrics/observe-pool";
import { appRoleProblems } from "./app-role";
import { acquireDataDirLock } from "./data-dir-lock";

interface RowsResultHKT extends PgQueryResultHKT {
  type: { rows: Record<string, unknown>[] };
}
/** A Drizzle database over either driver; `drizzle(pglite)` and `drizzle(pool)` both fit. */
// biome-ignore lint/suspicious/noExplicitAny: the query-result type differs per driver; `any` is what lets both drivers fit one type.
export type Db = PgDatabase<RowsResultHKT, any>;

export type DatabaseKind = "pglite" | "postgres";

/** A statement runner that can execute a multi-statement SQL script (migrations, seeds). */
interface ScriptRunner {
  exec(script: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: DatabaseKind;
  /**
   * The service pool: the owner's login (DATABASE_URL), row level security bypassed (asService:
   * webhooks, background jobs, the calendar's OAuth states and tokens); its own connection budget,
   * so calls never wait for the dashboard or for a flood of log-ins.
   */
  db: Db;
  /**
   * The auth pool: the owner's login too (no person is known yet), a small budget of its own
   * (DATABASE_AUTH_POOL_SIZE) for sign-up, log-in and its throttle, log-out, invitations and the
   * per-request session look-up. On PGlite the same connection as `db`.
   */
  authDb: Db;
  /**
   * The pool for signed-in requests (asUser): on Postgres a login that can become `authenticated`
   * and nothing else (DATABASE_APP_URL), with a budget of its own. On PGlite the same connection
   * as `db` (one embedded connection, superuser).
   */
  userDb: Db;
  /** Runs `fn` inside one transaction on one connection; rolls back if it throws. */
  scriptTransaction<T>(fn: (runner: ScriptRunner) => Promise<T>): Promise<T>;
  /** Holds a session-level lock (a no-op on PGlite, which has a single connection). */
  withExclusiveLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {}

export interface OpenOptions {
  databaseUrl?: string;
  /** A directory, or "memory://" for a throwaway database. */
  dataDir?: string;
  /** A PGlite data-directory dump to start from (tests). */
  loadDataDir?: Blob | File;
  /**
   * The login for signed-in requests (Postgres only); checked at open to be able to become
   * `authenticated` and nothing else. Unset: that pool logs in as DATABASE_URL's role too.
   */
  appDatabaseUrl?: string;
  /** Connections for signed-in requests (default 10). */
  poolSize?: number;
  /** Connections for webhooks and background work (default 10). */
  servicePoolSize?: number;
  /** Connections for sign-up, log-in and session look-ups (default 5). */
  authPoolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options) : openPglite(options);
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const target = options.dataDir ?? "memory://";
  let release = () => {};
  let dataDir: string | undefined;
  if (!target.startsWith("memory://")) {
    try {
      mkdirSync(target, { recursive: true });
      accessSync(target, constants.W_OK);
    } catch (error) {
      throw new DatabaseUnavailableError(
        `DATA_DIR ${path.resolve(/*turbopackIgnore: true*/ target)} is not a writable directory (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
      );
    }
    release = acquireDataDirLock(target);
    dataDir = path.join(/*turbopackIgnore: true*/ target, "pglite");
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { btree_gist, pg_trgm },
    });
  } catch (error) {
    release();
    throw new DatabaseUnavailableError(`The embedded database in ${dataDir ?? "memory"} could not be opened: ${(error as Error).message}`);
  }
  const db = drizzlePglite({ client }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    userDb: db,
    authDb: db,
    scriptTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (script) => {
            await tx.exec(script);
          },
          query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
        }),
      ),
    withExclusiveLock: (_key, fn) => fn(),
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openPostgres(options: OpenOptions): Promise<Database> {
  const databaseUrl = options.databaseUrl!;
  const pool = await openPool(databaseUrl, options.servicePoolSize ?? 10, "DATABASE_URL");
  let userPool: pg.Pool;
  let authPool: pg.Pool;
  try {
    userPool = await openPool(
      options.appDatabaseUrl ?? databaseUrl,
      options.poolSize ?? 10,
      options.appDatabaseUrl ? "DATABASE_APP_URL" : "DATABASE_URL",
    );
    if (options.appDatabaseUrl) await refuseUnsafeAppRole(userPool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  try {
    authPool = await openPool(databaseUrl, options.authPoolSize ?? 5, "DATABASE_URL");
  } catch (error) {
    await Promise.all([pool.end(), userPool.end()]).catch(() => {});
    throw error;
  }
  // Connections and checkout waits on /metrics: "service" (webhooks, jobs), "user" and "auth".
  const unobserve = [observePool("service", pool), observePool("user", userPool), observePool("auth", authPool)];
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    userDb: drizzlePg({ client: userPool }) as unknown as Db,
    authDb: drizzlePg({ client: authPool }) as unknown as Db,
    scriptTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn({
          exec: async (script) => {
            await client.query(script);
          },
          query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
        });
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    withExclusiveLock: async (key, fn) => {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [key]);
        try {
          return await fn();
        } finally {
          await client.query("select pg_advisory_unlock($1)", [key]);
        }
      } finally {
        client.release();
      }
    },
    close: async () => {
      for (const stop of unobserve) stop();
      await Promise.all([pool.end(), userPool.end(), authPool.end()]);
    },
  };
}

async function openPool(connectionString: string, max: number, variable: string): Promise<pg.Pool> {
  // idleTimeoutMillis 0: keep idle connections open. With pg's default (close after 10 s idle),
  // a quiet minute emptied the pool and the next burst of calls opened connections while callers
  // waited: the bench's bare webhook floor had a p99 of 0.3–0.9 s from that alone, 28 ms without.
  // allowExitOnIdle: idle connections do not keep a script's process alive.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 0, allowExitOnIdle: true });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`Cannot reach the Postgres server in ${variable}: ${describePgError(error)}`);
  }
  return pool;
}

async function refuseUnsafeAppRole(userPool: pg.Pool): Promise<void> {
  const client = await userPool.connect();
  let problems: string[];
  try {
    problems = await appRoleProblems(client);
  } finally {
    client.release();
  }
  if (problems.length > 0) {
    await userPool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `DATABASE_APP_URL must log in as a role that can become authenticated and nothing else: ${problems.join("; ")}.`,
    );
  }
}

function describePgError(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { message?: string };
  if (e.code === "ECONNREFUSED") return "connection refused (is the server running?)";
  if (e.code === "ENOTFOUND") return "host not found";
  return e.message || String(error);
}
