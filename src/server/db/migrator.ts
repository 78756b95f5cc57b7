import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "./connection";

export { currentSchemaVersion } from "./schema-version";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "supabase/migrations");
const LOCK_KEY = 727_274_001; // pg_advisory_lock key shared by every Clinicall process

export interface Migration {
  version: string;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Migration ${file} failed, and the database was left as it was before it: ${detail}`);
  }
}

/** An applied migration's file no longer reads as it did when it ran: the database and the repository disagree. */
export class EditedMigrationError extends Error {
  constructor(
    readonly file: string,
    readonly appliedChecksum: string,
    readonly currentChecksum: string,
  ) {
    super(
      `Migration ${file} was edited after it was applied (sha256 ${appliedChecksum.slice(0, 12)} when applied, ` +
        `${currentChecksum.slice(0, 12)} now): restore the applied file and put the change in a new migration.`,
    );
  }
}

/** The migration files, in the order they apply (their timestamp prefix). */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{14}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), "utf8");
      const [version, ...rest] = file.replace(/\.sql$/, "").split("_");
      return {
        version: version!,
        name: rest.join("_"),
        file,
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    });
}

export function latestMigrationVersion(dir = MIGRATIONS_DIR): string {
  const all = listMigrations(dir);
  return all.length ? `${all.at(-1)!.version}_${all.at(-1)!.name}` : "none";
}

const HISTORY_DDL = `
  create schema if not exists clinicall_private;
  revoke all on schema clinicall_private from public;
  create table if not exists clinicall_private.schema_migrations (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  );`;

export interface MigrateOptions {
  dir?: string;
  /** Stop after this version (inclusive); used to load data at an older schema in tests. */
  upTo?: string;
  onApplied?: (migration: Migration) => void;
}

/**
 * Applies every pending migration in order, each in its own transaction together with its
 * history row, so a failure leaves the database exactly as the previous migration left it.
 * Safe to run from several processes at once (an advisory lock serialises them).
 * Refuses to run, with `EditedMigrationError`, when an applied migration's file has changed since.
 */
export async function migrate(database: Database, options: MigrateOptions = {}): Promise<Migration[]> {
  return database.withExclusiveLock(LOCK_KEY, async () => {
    await database.scriptTransaction((runner) => runner.exec(HISTORY_DDL));
    const applied = new Map(
      (
        await database.scriptTransaction((runner) =>
          runner.query<{ version: string; checksum: string }>("select version, checksum from clinicall_private.schema_migrations"),
        )
      ).map((row) => [row.version, row.checksum]),
    );
    const migrations = listMigrations(options.dir);
    for (const migration of migrations) {
      const appliedChecksum = applied.get(migration.version);
      if (appliedChecksum !== undefined && appliedChecksum !== migration.checksum) {
        throw new EditedMigrationError(migration.file, appliedChecksum, migration.checksum);
      }
    }
    const pending = migrations.filter((m) => !applied.has(m.version) && (!options.upTo || m.version <= options.upTo));
    for (const migration of pending) {
      try {
        await database.scriptTransaction(async (runner) => {
          await runner.exec(migration.sql);
          await runner.query("insert into clinicall_private.schema_migrations (version, name, checksum) values ($1, $2, $3)", [
            migration.version,
            migration.name,
            migration.checksum,
          ]);
        });
      } catch (error) {
        throw new MigrationError(migration.file, describeSqlError(error, migration.sql));
      }
      options.onApplied?.(migration);
    }
    return pending;
  });
}

function describeSqlError(error: unknown, script: string): string {
  const e = error as { message?: string; position?: string | number };
  const position = Number(e.position);
  const where = Number.isFinite(position) && position > 0 ? ` (line ${script.slice(0, position).split("\n").length})` : "";
  return `${e.message ?? String(error)}${where}`;
}
