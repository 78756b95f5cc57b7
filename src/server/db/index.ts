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

/** Who a signed-in request acts as: the person, and the organisation they are working in. */
export interface Actor {
  userId: string;
  organisationId: string;
}

/**
 * Runs `fn` as the signed-in user acting for one organisation, in one transaction, with Postgres
 * row level security in force: `request.jwt.claims` = { sub, role }, then
 * `public.act_for_organisation(organisationId)`, which checks the membership in the database
 * (SQLSTATE 42501, mapped to 403, when there is none) and records the organisation and role the
 * policies compare with, then `set local role authenticated`. Everything a person does through
 * the dashboard goes through here.
 */
export async function asUser<T>(actor: Actor, fn: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return runAsUser(db, actor, fn);
}

export function runAsUser<T>(db: Db, actor: Actor, fn: (tx: Db) => Promise<T>): Promise<T> {
  const claims = JSON.stringify({ sub: actor.userId, role: "authenticated" });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('request.jwt.claims', ${claims}, true)`);
    await tx.execute(sql`select public.act_for_organisation(${actor.organisationId}::uuid)`);
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
