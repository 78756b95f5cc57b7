import { sql } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { openDatabase, type Database, type Db } from "./connection";

export type { Db, Database } from "./connection";

const holder = globalThis as unknown as { __clinicallDatabase?: Promise<Database> };

/**
 * The process's one database, opened lazily on first use: PGlite under DATA_DIR, or a pool
 * over DATABASE_URL. Kept on globalThis so dev-server reloads reuse it.
 */
export function getDatabase(): Promise<Database> {
  if (!holder.__clinicallDatabase) {
    const config = getConfig();
    const opening = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    opening.catch(() => {
      if (holder.__clinicallDatabase === opening) delete holder.__clinicallDatabase; // retry next time
    });
    holder.__clinicallDatabase = opening;
  }
  return holder.__clinicallDatabase;
}

/** Installs an already-open database as the process's database (tests, scripts). */
export function setDatabase(database: Database): void {
  holder.__clinicallDatabase = Promise.resolve(database);
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__clinicallDatabase;
  delete holder.__clinicallDatabase;
  if (current) await (await current).close();
}

/**
 * Runs `fn` as the signed-in user, in one transaction, with Postgres row level security in
 * force: `set local role authenticated` and `request.jwt.claims` = { sub, role }. Everything a
 * person does through the dashboard goes through here.
 */
export async function asUser<T>(userId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return runAsUser(db, userId, fn);
}

export function runAsUser<T>(db: Db, userId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  const claims = JSON.stringify({ sub: userId, role: "authenticated" });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('request.jwt.claims', ${claims}, true)`);
    await tx.execute(sql`set local role authenticated`);
    return fn(tx as unknown as Db);
  });
}

/**
 * Runs `fn` in one transaction with row level security bypassed. Only for webhooks, signup and
 * background work, where no person is signed in. Every query inside must still filter by
 * organisation_id explicitly.
 */
export async function asService<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return db.transaction(async (tx) => fn(tx as unknown as Db));
}
