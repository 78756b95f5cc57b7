import { sql } from "drizzle-orm";
import type { GoogleEmulator } from "@/providers/google/emulator";
import type { Db } from "@/server/db/access";

/** Every secret the Google emulator handed out: refresh and access tokens, authorization codes. */
export function secretsIssuedBy(google: GoogleEmulator): string[] {
  return [
    ...[...google.state.grants.values()].map((grant) => grant.refreshToken),
    ...google.state.accessTokens.keys(),
    ...google.state.codes.keys(),
  ];
}

/**
 * Searches every text-like column (text, varchar, char, json, jsonb, arrays of them) of every
 * table in public and auth for each secret, and lists where one was found ("table.column").
 */
export async function findPlaintextSecrets(db: Db, secrets: string[]): Promise<string[]> {
  const { rows: columns } = await db.execute(sql`
    select c.table_schema, c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema in ('public', 'auth')
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or c.data_type = 'ARRAY')`);
  const patterns = sql.join(
    secrets.map((secret) => sql`${`%${secret.replace(/[\\%_]/g, "\\$&")}%`}`),
    sql`, `,
  );
  const found: string[] = [];
  for (const column of columns) {
    const table = sql`${sql.identifier(String(column.table_schema))}.${sql.identifier(String(column.table_name))}`;
    const name = sql.identifier(String(column.column_name));
    const { rows } = await db.execute(sql`
      select count(*)::int as n from ${table}
      where ${name}::text like any (array[${patterns}]::text[])`);
    if (Number(rows[0]!.n) > 0) found.push(`${String(column.table_schema)}.${String(column.table_name)}.${String(column.column_name)}`);
  }
  return found;
}
