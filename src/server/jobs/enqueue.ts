import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import type { z } from "zod";
import { type Actor, actorOfUserTransaction, type Db } from "@/server/db/access";
import type { JobType as JobTypeSpec } from "./job-definition";
import { jobIdForKey } from "./job-ids";
import { getJobBoss } from "./job-runner";
// The job types without their handlers: a job's handler may enqueue (nothing here reaches the handlers).
import { type JobType, jobTypes } from "./job-types";

export interface EnqueueOptions {
  /** Required for `unique: "perKey"` types: one job per key (per organisation from a user transaction). */
  key?: string;
  /** Run no earlier than this. */
  startAfter?: Date;
}

/**
 * Enqueues a job inside `tx`: the job commits with the change that causes it, or neither does.
 * Validates the payload against the type's schema. Returns the job id, or null when a job with
 * the same key already exists (or, for one-at-a-time types, one is already waiting).
 *
 * In a service transaction (asService) pg-boss writes the job itself. In a signed-in user's
 * transaction (asUser), whose role has no privilege on pg-boss's schema, the job goes through
 * private.enqueue_job: only types registered with `userEnqueue`, for the organisation the user
 * verifiably acts for (the database sets the payload's organisationId), the key scoped to it.
 */
export async function enqueue<Type extends JobType>(
  tx: Db,
  type: Type,
  payload: z.input<(typeof jobTypes)[Type]["payload"]>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  return enqueueJob(tx, jobTypes[type] as JobTypeSpec, payload, options);
}

/** `enqueue` for a job type in hand (job-types.ts's, or a test's). */
export async function enqueueJob(tx: Db, definition: JobTypeSpec, payload: unknown, options: EnqueueOptions = {}): Promise<string | null> {
  const type = definition.name;
  const data = definition.payload.parse(payload) as object;
  if (definition.unique === "perKey" && !options.key) throw new Error(`Job type ${type} is unique per key: enqueue it with a key`);
  const boss = await getJobBoss();
  const actor = actorOfUserTransaction(tx);
  if (actor) return enqueueAsUser(tx, actor, definition, data, options);
  return boss.send(type, data, {
    db: fromDrizzle(tx, sql),
    ...(options.key && definition.unique === "perKey" ? { id: jobIdForKey(type, options.key) } : {}),
    ...(options.key ? { singletonKey: options.key } : {}),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  });
}

async function enqueueAsUser(tx: Db, actor: Actor, definition: JobTypeSpec, data: object, options: EnqueueOptions): Promise<string | null> {
  if (!definition.userEnqueue) {
    throw new Error(`Job type ${definition.name} is not enqueued from a user transaction: register it with userEnqueue, or use asService`);
  }
  if ((data as { organisationId?: unknown }).organisationId !== actor.organisationId) {
    throw new Error(`A job enqueued while acting for ${actor.organisationId} names another organisation`);
  }
  const result = await tx.execute(
    sql`select private.enqueue_job(${definition.name}, ${JSON.stringify(data)}::jsonb, ${options.key ?? null}::text, ${
      options.startAfter?.toISOString() ?? null
    }::timestamptz) as id`,
  );
  const id = result.rows[0]?.id;
  return id ? String(id) : null;
}
