// Server access for the bench: reach the server, create the bench database, and run
// statements either as the service path (the connecting role, no role switch, like asService)
// or as a signed-in user (jwt claims + `set local role authenticated`, like runAsUser).
import pg from "pg";

const BENCH_DATABASE = "clinicall_bench";
const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export class ServerUnreachableError extends Error {}

export interface ServerUrls {
  /** The URL as given (or the default), used for the admin connection that creates the database. */
  server: string;
  /** The same server, database clinicall_bench. */
  bench: string;
}

export function resolveUrls(env: NodeJS.ProcessEnv = process.env): ServerUrls {
  const server = env.DATABASE_URL?.trim() || DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new ServerUnreachableError(`DATABASE_URL is not a valid postgres:// URL`);
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) {
    throw new ServerUnreachableError(`DATABASE_URL must be a postgres:// URL (got ${url.protocol}//...)`);
  }
  const bench = new URL(url.toString());
  bench.pathname = `/${BENCH_DATABASE}`;
  return { server, bench: bench.toString() };
}

/** The URL without its password, for messages and the report. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable URL)";
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { message?: string };
  if (e.code === "ECONNREFUSED") return "connection refused (is the server running?)";
  if (e.code === "ENOTFOUND") return "host not found";
  if (e.code === "ETIMEDOUT") return "connection timed out";
  return e.message || String(error);
}

export async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new ServerUnreachableError(`cannot reach Postgres at ${redact(connectionString)}: ${describe(error)}`);
  }
  client.on("error", () => {}); // a dropped connection surfaces on the next query instead
  return client;
}

/** Creates clinicall_bench on the server unless it exists. Returns true when it was created. */
export async function ensureBenchDatabase(urls: ServerUrls): Promise<boolean> {
  const admin = await connect(urls.server);
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [BENCH_DATABASE]);
    if (rowCount) return false;
    try {
      await admin.query(`create database ${BENCH_DATABASE}`);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "42P04") return false; // a concurrent run created it
      throw error;
    }
  } finally {
    await admin.end();
  }
}

export type Identity = { kind: "service" } | { kind: "user"; userId: string; organisationId: string };

/** The statements runAsUser (src/server/db/access.ts) starts every signed-in transaction with. */
export async function actAsUser(client: pg.Client, identity: Extract<Identity, { kind: "user" }>): Promise<void> {
  const claims = JSON.stringify({ sub: identity.userId, role: "authenticated" });
  await client.query("select set_config('request.jwt.claims', $1, true)", [claims]);
  await client.query("set local role authenticated");
  await client.query("select public.act_for_organisation($1::uuid)", [identity.organisationId]);
}

/**
 * Runs `fn` inside one transaction as `identity`, then rolls back (the bench only reads).
 * A user gets exactly what the app's runAsUser sets (request.jwt.claims {sub, role},
 * `set local role authenticated`, the organisation recorded by act_for_organisation); the service
 * path is the connecting role, like asService.
 */
export async function inTransaction<T>(client: pg.Client, identity: Identity, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    if (identity.kind === "user") await actAsUser(client, identity);
    return await fn(client);
  } finally {
    await client.query("rollback");
  }
}
