import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrator";

/**
 * Migrates one database per run and lets every test file start from a copy of it:
 * a PGlite dump (tarball) on the embedded path, a template database on a Postgres server.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    const name = `clinicall_template_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1, servicePoolSize: 2, authPoolSize: 1 });
    await migrate(database);
    await database.close();
    // The migration creates the login for signed-in requests without LOGIN; the operator gives it
    // a password. This server trusts local connections, so LOGIN is enough for the tests.
    await admin.query("alter role clinicall_app login");
    project.provide("templateDatabase", name);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "clinicall-test-"));
  const database = await openDatabase({ dataDir: "memory://" });
  // Reach the PGlite client through a dump: the Database interface hides it on purpose.
  const pglite = (database.db as unknown as { $client: PGlite }).$client;
  const dumpTo = async (name: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  // Before any migration too, so a test that migrates part of the way skips initdb (seconds).
  project.provide("pgliteEmptyDump", await dumpTo("empty.tar"));
  await migrate(database);
  project.provide("pgliteDump", await dumpTo("migrated.tar"));
  await database.close();
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    pgliteDump: string;
    pgliteEmptyDump: string;
  }
}
