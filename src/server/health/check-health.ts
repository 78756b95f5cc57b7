import { getDatabase } from "@/server/db/database";
import { currentSchemaVersion } from "@/server/db/schema-version";

export type HealthReport =
  | { ok: true; body: { status: "ok"; database: "pglite" | "postgres"; schema_version: string } }
  | { ok: false; message: string };

/** Reaches the database and reads the newest applied migration. Never throws. */
export async function checkHealth(): Promise<HealthReport> {
  try {
    const database = await getDatabase();
    const version = await currentSchemaVersion(database);
    return { ok: true, body: { status: "ok", database: database.kind, schema_version: version } };
  } catch (error) {
    return { ok: false, message: (error as Error).message.split("\n")[0] ?? "database unavailable" };
  }
}
