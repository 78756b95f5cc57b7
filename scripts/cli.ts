import nextEnv from "@next/env";
import { resolveEncryptionKey } from "../src/server/config/encryption-key";
import { type AppConfig, formatConfigProblems, parseEnv } from "../src/server/config/env";
import { DatabaseUnavailableError } from "../src/server/db/connection";
import { DataDirInUseError } from "../src/server/db/data-dir-lock";
import { EditedMigrationError, MigrationError } from "../src/server/db/migrator";

/** Reads and validates the environment, or prints every problem and exits. */
export function loadConfigOrExit(): AppConfig {
  // The same .env files Next.js reads (.env, .env.local, .env.production, ...).
  nextEnv.loadEnvConfig(process.cwd(), process.argv.includes("--dev"));
  const result = parseEnv(process.env);
  if (!result.ok) {
    process.stderr.write(`${formatConfigProblems(result.problems)}\n`);
    process.exit(1);
  }
  try {
    return { ...result.config, encryptionKey: resolveEncryptionKey(result.config) };
  } catch (error) {
    return fail(error);
  }
}

/** Prints one clear line for the failures an operator can fix, a stack trace for the rest. */
export function fail(error: unknown): never {
  const known =
    error instanceof DatabaseUnavailableError ||
    error instanceof DataDirInUseError ||
    error instanceof MigrationError ||
    error instanceof EditedMigrationError;
  const code = (error as NodeJS.ErrnoException).code;
  if (known) process.stderr.write(`Clinicall cannot start: ${(error as Error).message}\n`);
  else if (code === "EACCES" || code === "EROFS" || code === "ENOTDIR")
    process.stderr.write(`Clinicall cannot start: DATA_DIR is not writable (${(error as Error).message})\n`);
  else process.stderr.write(`Clinicall cannot start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}

export function describeDatabase(config: AppConfig): string {
  if (!config.databaseUrl) return `embedded PGlite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `Postgres at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
