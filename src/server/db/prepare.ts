import type { AppConfig } from "@/server/config";
import { openDatabase, type DatabaseKind } from "./connection";
import { currentSchemaVersion, migrate, type Migration } from "./migrator";

export interface PreparedDatabase {
  kind: DatabaseKind;
  applied: Migration[];
  schemaVersion: string;
}

/** Opens the configured database, brings its schema up to date and closes it again. */
export async function prepareDatabase(config: AppConfig, onApplied?: (m: Migration) => void): Promise<PreparedDatabase> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const applied = await migrate(database, { onApplied });
    return { kind: database.kind, applied, schemaVersion: await currentSchemaVersion(database) };
  } finally {
    await database.close();
  }
}
