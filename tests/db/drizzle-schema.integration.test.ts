import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * The Drizzle table definitions in src/server/db/schema must describe the migrated database:
 * same columns, same nullability, same SQL types. The migrations are the source of truth;
 * this test fails when either side changes without the other.
 */

interface ColumnShape {
  type: string;
  nullable: boolean;
}
type TableShape = Record<string, ColumnShape>;

/** Spells a type the way `format_type` does, so Drizzle's and Postgres's names compare. */
function canonicalType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/\s*\(\s*/g, "(")
    .replace(/\s*,\s*/g, ",")
    .replace(/\s*\)/g, ")")
    .replace(/^timestamp(\(\d+\))?$/, "timestamp$1 without time zone")
    .replace(/^time(\(\d+\))?$/, "time$1 without time zone")
    .replace(/^varchar/, "character varying")
    .replace(/^serial$/, "integer")
    .replace(/^bigserial$/, "bigint")
    .replace(/^smallserial$/, "smallint")
    .replace(/\[\d*\]/g, "[]");
}

const drizzleTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

const qualified = (schemaName: string | undefined, name: string) => `${schemaName ?? "public"}.${name}`;

function drizzleShape(config: ReturnType<typeof getTableConfig>): TableShape {
  return Object.fromEntries(
    config.columns.map((column) => [
      column.name,
      { type: canonicalType(column.getSQLType()), nullable: !column.notNull && !column.primary },
    ]),
  );
}

describe("Drizzle schema matches the migrated database", () => {
  let database: TestDatabase;
  let migrated: Record<string, TableShape>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const result = await database.db.execute(sql`
      select c.table_schema, c.table_name, c.column_name, c.is_nullable,
             format_type(a.atttypid, a.atttypmod) as type
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      join pg_attribute a
        on a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass and a.attname = c.column_name
      where c.table_schema in ('public', 'auth')
      order by c.table_schema, c.table_name, c.ordinal_position`);
    migrated = {};
    for (const row of result.rows) {
      const table = qualified(row.table_schema as string, row.table_name as string);
      migrated[table] ??= {};
      migrated[table][row.column_name as string] = {
        type: canonicalType(row.type as string),
        nullable: row.is_nullable === "YES",
      };
    }
  });
  afterAll(() => database?.close());

  it("finds the Drizzle tables", () => {
    expect(drizzleTables.length).toBeGreaterThan(10);
  });

  it("every table in public has a Drizzle definition", () => {
    const defined = new Set(drizzleTables.map((t) => qualified(t.schema, t.name)));
    const missing = Object.keys(migrated).filter((name) => name.startsWith("public.") && !defined.has(name));
    expect(missing, `tables without a Drizzle definition in src/server/db/schema: ${missing.join(", ")}`).toEqual([]);
  });

  for (const config of drizzleTables) {
    const name = qualified(config.schema, config.name);
    it(`${name}: columns, nullability and types match`, () => {
      expect(migrated[name], `${name} is defined in Drizzle but not in the migrated database`).toBeDefined();
      expect(drizzleShape(config)).toEqual(migrated[name]);
    });
  }

  it("the comparison notices drift", () => {
    const drifted = drizzleShape(getTableConfig(schema.calls));
    expect({ ...drifted, cost: { type: "numeric", nullable: true } }).not.toEqual(migrated["public.calls"]);
    expect({ ...drifted, status: { ...drifted.status!, nullable: true } }).not.toEqual(migrated["public.calls"]);
  });
});
