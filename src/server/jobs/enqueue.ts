import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import type { z } from "zod";
import type { Db } from "@/server/db/access";
import { jobIdForKey } from "./job-ids";
import { getJobBoss } from "./job-runner";
import { type JobType, jobRegistry } from "./registry";

export interface EnqueueOptions {
  /** Required for `unique: "perKey"` types: one job per key. */
  key?: string;
  /** Run no earlier than this. */
  startAfter?: Date;
}

/**
 * Enqueues a job inside `tx`, a transaction opened with asService (pg-boss's schema is closed to
 * the API roles): the job commits with the change that causes it, or neither does. Validates the
 * payload against the type's schema. Returns the job id, or null when a job with the same key
 * already exists (or, for one-at-a-time types, one is already waiting).
 */
export async function enqueue<Type extends JobType>(
  tx: Db,
  type: Type,
  payload: z.input<(typeof jobRegistry)[Type]["payload"]>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const definition = jobRegistry[type];
  const data = definition.payload.parse(payload) as object;
  if (definition.unique === "perKey" && !options.key) throw new Error(`Job type ${type} is unique per key: enqueue it with a key`);
  const boss = await getJobBoss();
  return boss.send(type, data, {
    db: fromDrizzle(tx, sql),
    ...(options.key && definition.unique === "perKey" ? { id: jobIdForKey(type, options.key) } : {}),
    ...(options.key ? { singletonKey: options.key } : {}),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  });
}
