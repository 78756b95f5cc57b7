import type { Database } from "./connection";

/** The newest applied migration, as `<version>_<name>`, or "none". */
export async function currentSchemaVersion(database: Database): Promise<string> {
  const rows = await database.scriptTransaction((runner) =>
    runner.query<{ version: string; name: string }>(
      `select version, name from clinicall_private.schema_migrations order by version desc limit 1`,
    ),
  );
  return rows[0] ? `${rows[0].version}_${rows[0].name}` : "none";
}
