import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { JobType } from "./job-definition";

/**
 * pg-boss's own insert statement for one queue, exactly as `send` would run it: sent through a
 * stand-in connection that keeps the statement and runs nothing. private.enqueue_job runs it with
 * the job it builds as the one parameter, so a user-enqueued job is the row pg-boss would write.
 */
async function insertStatementFor(boss: PgBoss, name: string): Promise<string> {
  let statement: string | undefined;
  const keepStatement = {
    executeSql: async (text: string) => {
      statement = text;
      return { rows: [] };
    },
  };
  await boss.send(name, {}, { db: keepStatement });
  // One parameter (the jobs as JSON text), pg-boss's schema, returning the id: what the function relies on.
  if (!statement?.includes("INSERT INTO pgboss.") || !statement.includes("$1::text::json") || /\$[2-9]/.test(statement)) {
    throw new Error(`pg-boss's insert for ${name} is not the one-parameter statement private.enqueue_job expects`);
  }
  return statement;
}

/**
 * Writes private.user_job_types from the registry, on the owner's connection: the types marked
 * `userEnqueue`, the role each needs, whether it is one per key, and pg-boss's insert for its queue (whose queue must exist);
 * every other type is removed from the list. Run at each runner start, so the list follows the
 * code that is running.
 */
export async function syncUserJobTypes(boss: PgBoss, definitions: JobType[]): Promise<void> {
  const listed = definitions.filter((definition) => definition.userEnqueue);
  for (const definition of listed) {
    const payload = definition.payload;
    if (!(payload instanceof z.ZodObject) || !("organisationId" in payload.shape)) {
      throw new Error(`Job type ${definition.name} is enqueued by users, so its payload is an object with organisationId`);
    }
  }
  const db = boss.getDb();
  for (const definition of listed) {
    await db.executeSql(
      `insert into private.user_job_types (name, minimum_role, one_per_key, insert_sql, updated_at) values ($1, $2, $3, $4, now())
       on conflict (name) do update set minimum_role = excluded.minimum_role, one_per_key = excluded.one_per_key,
         insert_sql = excluded.insert_sql, updated_at = now()`,
      [
        definition.name,
        definition.userEnqueue!.minimumRole,
        definition.unique === "perKey",
        await insertStatementFor(boss, definition.name),
      ],
    );
  }
  await db.executeSql("delete from private.user_job_types where not (name = any($1::text[]))", [listed.map((d) => d.name)]);
}
