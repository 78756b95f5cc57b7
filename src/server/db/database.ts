import "server-only";
import { getConfig } from "@/server/config";
import { log } from "@/server/log";
import { type Database, openDatabase } from "./connection";

export type { Database, Db } from "./connection";

const holder = globalThis as unknown as { __clinicallDatabase?: Promise<Database> };

/**
 * The process's one database, opened lazily on first use: PGlite under DATA_DIR, or a pool
 * over DATABASE_URL. Kept on globalThis so dev-server reloads reuse it. Queries go through
 * `asUser` / `asService` (./access), never through this handle directly.
 */
export function getDatabase(): Promise<Database> {
  if (!holder.__clinicallDatabase) {
    const config = getConfig();
    if (config.databaseUrl && !config.databaseAppUrl) {
      log.warn(
        "DATABASE_APP_URL is not set: signed-in requests log in as DATABASE_URL's role, which can leave row level security behind (see README, Database roles)",
      );
    }
    const opening = openDatabase({
      databaseUrl: config.databaseUrl,
      appDatabaseUrl: config.databaseAppUrl,
      poolSize: config.databasePoolSize,
      servicePoolSize: config.databaseServicePoolSize,
      authPoolSize: config.databaseAuthPoolSize,
      dataDir: config.dataDir,
    });
    opening.catch(() => {
      if (holder.__clinicallDatabase === opening) delete holder.__clinicallDatabase; // retry next time
    });
    holder.__clinicallDatabase = opening;
  }
  return holder.__clinicallDatabase;
}

/** Installs an already-open database as the process's database (tests, scripts). */
export function setDatabase(database: Database): void {
  holder.__clinicallDatabase = Promise.resolve(database);
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__clinicallDatabase;
  delete holder.__clinicallDatabase;
  if (current) await (await current).close();
}
