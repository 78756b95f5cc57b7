import { asService, asUser, type Actor, type Db } from "@/server/db/access";

/**
 * Which database path a calendar operation runs its queries on: as the signed-in person (RLS in
 * force) from the dashboard and API, or the service path for the assistant's tools and the
 * outbox worker. Each call is its own transaction; operations never nest one inside another.
 */
export type DbScope = <T>(fn: (tx: Db) => Promise<T>) => Promise<T>;

export function userScope(actor: Actor): DbScope {
  return (fn) => asUser(actor, fn);
}

export const serviceScope: DbScope = (fn) => asService(fn);
