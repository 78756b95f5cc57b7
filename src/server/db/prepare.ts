import type { AppConfig } from "@/server/config";
import type { Db } from "./connection";
import { type DatabaseKind, openDatabase } from "./connection";
import { currentSchemaVersion, type Migration, migrate } from "./migrator";

export interface PreparedDatabase {
  kind: DatabaseKind;
  applied: Migration[];
  schemaVersion: string;
}

export interface PrepareOptions {
  onApplied?: (m: Migration) => void;
  /** Runs after the migrations, in one transaction on the service path (demo seed). */
  seed?: (tx: Db) => Promise<unknown>;
}

/** Opens the configured database, brings its schema up to date, seeds if asked, and closes it. */
export async function prepareDatabase(config: AppConfig, options: PrepareOptions = {}): Promise<PreparedDatabase> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 1,
    servicePoolSize: 2,
    authPoolSize: 1,
  });
  try {
    const applied = await migrate(database, { onApplied: options.onApplied });
    if (options.seed) await database.db.transaction((tx) => options.seed!(tx as unknown as Db));
    return { kind: database.kind, applied, schemaVersion: await currentSchemaVersion(database) };
  } finally {
    await database.close();
  }
}
