import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  currentSchemaVersion,
  EditedMigrationError,
  latestMigrationVersion,
  listMigrations,
  MIGRATIONS_DIR,
  MigrationError,
  migrate,
} from "@/server/db/migrator";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

describe("migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("records every migration file, newest last", async () => {
    expect(await currentSchemaVersion(database)).toBe(latestMigrationVersion());
    const rows = await database.db.execute(sql`select version from clinicall_private.schema_migrations order by version`);
    expect(rows.rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it("is a no-op the second time", async () => {
    expect(await migrate(database)).toEqual([]);
  });

  it("stops at a failing migration, names the file and leaves the database as it was", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clinicall-migrations-"));
    for (const m of listMigrations()) copyFileSync(path.join(MIGRATIONS_DIR, m.file), path.join(dir, m.file));
    writeFileSync(
      path.join(dir, "29990101000000_broken.sql"),
      "create table public.half_done (id int);\nalter table public.half_done enable row level security;\nselect * from no_such_table;\n",
    );
    const error = await migrate(database, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain("29990101000000_broken.sql");
    expect((error as Error).message).toContain("no_such_table");
    expect((error as Error).message).toContain("line 3");
    const table = await database.db.execute(sql`select to_regclass('public.half_done') as t`);
    expect(table.rows[0]!.t).toBeNull();
    expect(await currentSchemaVersion(database)).toBe(latestMigrationVersion());
  });

  it("refuses to run when an applied migration was edited, naming the file, and applies nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clinicall-migrations-"));
    for (const m of listMigrations()) copyFileSync(path.join(MIGRATIONS_DIR, m.file), path.join(dir, m.file));
    const edited = listMigrations()[1]!;
    writeFileSync(path.join(dir, edited.file), `${edited.sql}\n-- edited after it was applied\n`);
    writeFileSync(path.join(dir, "29990101000000_after_the_edit.sql"), "create table public.after_the_edit (id int);\n");
    const error = await migrate(database, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditedMigrationError);
    expect((error as Error).message).toContain(`Migration ${edited.file} was edited after it was applied`);
    const table = await database.db.execute(sql`select to_regclass('public.after_the_edit') as t`);
    expect(table.rows[0]!.t).toBeNull();
    expect(await currentSchemaVersion(database)).toBe(latestMigrationVersion());
  });

  it("creates the Supabase pieces: auth.users, auth.uid(), the three roles", async () => {
    const roles = await database.db.execute(
      sql`select rolname from pg_roles where rolname in ('anon','authenticated','service_role') order by 1`,
    );
    expect(roles.rows.map((r) => r.rolname)).toEqual(["anon", "authenticated", "service_role"]);
    const uid = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('request.jwt.claims', '{"sub":"6f1c1d2e-0000-4000-8000-000000000001"}', true)`);
      return (await tx.execute(sql`select auth.uid() as uid`)).rows[0]!.uid;
    });
    expect(uid).toBe("6f1c1d2e-0000-4000-8000-000000000001");
    const legacy = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('request.jwt.claim.sub', '6f1c1d2e-0000-4000-8000-000000000002', true)`);
      return (await tx.execute(sql`select auth.uid() as uid`)).rows[0]!.uid;
    });
    expect(legacy).toBe("6f1c1d2e-0000-4000-8000-000000000002");
  });
});
