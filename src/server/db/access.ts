import "server-only";
import { sql } from "drizzle-orm";
import type { Actor, ServiceActor } from "@/server/actor";
import type { Db } from "./connection";
import { getDatabase } from "./database";

export type { Actor, ServiceActor } from "@/server/actor";
export type { Db } from "./connection";

/**
 * Runs `fn` as the signed-in user acting for one organisation, in one transaction, with Postgres
 * row level security in force: `request.jwt.claims` = { sub, role }, `set local role
 * authenticated`, then `public.act_for_organisation(organisationId)`, which checks the membership
 * in the database (SQLSTATE 42501, mapped to 403, when there is none) and records the organisation
 * chosen. The policies compare with that organisation only while the user is a member of it with
 * the role needed, checked once per statement (private.acting_*organisation_id()), so SQL that
 * changes the setting reaches nothing more. Everything a person does through the dashboard goes
 * through here.
 */
export async function asUser<T>(actor: Actor, fn: (tx: Db) => Promise<T>): Promise<T> {
  const { userDb } = await getDatabase();
  return runAsUser(userDb, actor, fn);
}

export function runAsUser<T>(db: Db, actor: Actor, fn: (tx: Db) => Promise<T>): Promise<T> {
  const claims = JSON.stringify({ sub: actor.userId, role: "authenticated" });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('request.jwt.claims', ${claims}, true)`);
    await tx.execute(sql`set local role authenticated`);
    await tx.execute(sql`select public.act_for_organisation(${actor.organisationId}::uuid)`);
    userTransactions.set(tx, actor);
    return fn(tx as unknown as Db);
  });
}

const userTransactions = new WeakMap<object, Actor>();

/**
 * The actor of a transaction opened by asUser/runAsUser, or undefined for any other (service,
 * auth, a nested savepoint). Lets `enqueue` take the user's path (private.enqueue_job); it grants
 * nothing: the database checks the acting organisation again.
 */
export function actorOfUserTransaction(tx: Db): Actor | undefined {
  return userTransactions.get(tx);
}

/**
 * Runs `fn` in one transaction with row level security bypassed, on the service pool (the owner's
 * login, a connection budget of its own). For webhooks, the assistant's tools and background jobs,
 * where no person is signed in, and for the rows closed to the `authenticated` role that a signed-in
 * admin's calendar connection needs (OAuth states, encrypted tokens, the connecting user's email).
 * Sign-up, log-in and sessions use asAuth. Every query inside must still filter by organisation_id
 * explicitly.
 */
export async function asService<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return db.transaction(async (tx) => fn(tx as unknown as Db));
}

/**
 * Like asService, on the auth pool (the owner's login, a small budget of its own): for the paths
 * where nobody is signed in yet or the session itself is the subject (sign-up, log-in, log-out,
 * accepting an invitation, switching organisation, the session look-up of every request). A flood
 * of log-ins queues here and never takes a webhook's connection. Filter by the user explicitly.
 */
export async function asAuth<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  const { authDb } = await getDatabase();
  return authDb.transaction(async (tx) => fn(tx as unknown as Db));
}

/**
 * Like asAuth, but no transaction: `fn` runs autocommitted statements on the auth pool. Only for
 * a single statement that must hold its row locks no longer than it runs (log-in throttling,
 * where a flood on one row would otherwise queue on pool connections).
 */
export async function asAuthStatement<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { authDb } = await getDatabase();
  return fn(authDb);
}

/**
 * One transaction for whoever acts: `asUser` for a signed-in person, `asService` for a
 * ServiceActor. For domain operations that both the dashboard and the assistant run (booking).
 */
export function transactionFor<T>(actor: Actor | ServiceActor, fn: (tx: Db) => Promise<T>): Promise<T> {
  return "kind" in actor ? asService(fn) : asUser(actor, fn);
}
