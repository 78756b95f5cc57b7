import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrator";

/**
 * A fresh database for one test file. On PGlite (the default) it starts from a dump of a migrated
 * database made once per run by global-setup.ts; with DATABASE_URL it is a new database on that
 * server, created from a migrated template and dropped by `close()`.
 */
export interface TestDatabase extends Database {
  /** The connection string of this database (Postgres only), as the owner. */
  url?: string;
  /** The same database as clinicall_app, the login of the pool for signed-in requests (Postgres only). */
  appUrl?: string;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

function serverUrl(database: string, user?: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = "";
  }
  return url.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database (`upTo` stops at that migration version and skips the template). Only for
 * `*.integration.test.ts` files: their project migrates the template this copies.
 */
export async function createTestDatabase(options: { upTo?: string } = {}): Promise<TestDatabase> {
  if (!inject("templateDatabase") && !inject("pgliteDump")) {
    throw new Error("A test file on a database is named *.integration.test.ts (docs/style: tests by layer, named by suffix).");
  }
  if (usingPostgres) {
    const name = `clinicall_test_${randomBytes(6).toString("hex")}`;
    const template = inject("templateDatabase");
    await adminQuery(options.upTo ? `create database ${name}` : `create database ${name} template ${template}`);
    const url = serverUrl(name);
    // Both pools, as the server runs them: the owner's for the service path, clinicall_app's for
    // signed-in requests (the role exists once the migration that creates it has run).
    const appUrl = options.upTo ? undefined : serverUrl(name, "clinicall_app");
    const database = await openDatabase({ databaseUrl: url, appDatabaseUrl: appUrl, poolSize: 20, servicePoolSize: 20, authPoolSize: 10 });
    if (options.upTo) await migrate(database, { upTo: options.upTo });
    return {
      ...database,
      url,
      appUrl,
      close: async () => {
        await database.close();
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    };
  }
  const loadDataDir = new Blob([readFileSync(inject(options.upTo ? "pgliteEmptyDump" : "pgliteDump"))]);
  const database = await openDatabase({ dataDir: "memory://", loadDataDir });
  if (options.upTo) await migrate(database, { upTo: options.upTo });
  return database;
}
