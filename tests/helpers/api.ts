import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll } from "vitest";
import { resetConfigForTests } from "@/server/config";
import { setDatabase } from "@/server/db/database";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { createTestDatabase, type TestDatabase } from "./test-database";

export const BASE_URL = "http://localhost:3000";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Gives the test file a fresh migrated database, installed as the app's database, and the
 * environment the app reads. Route handlers are then called directly with real Requests.
 *
 * `jobs: "enqueue"` starts the job runner without working (as a web process does) before the
 * tests: code that enqueues inside a transaction (a message notifies staff, an email is queued)
 * needs it started first, since on PGlite starting it inside a transaction would wait for that
 * transaction's connection. Tests run the queued jobs' handlers themselves.
 */
export function useTestApp(options: { env?: () => Record<string, string> | Promise<Record<string, string>>; jobs?: "enqueue" } = {}): {
  db: () => TestDatabase;
} {
  let database: TestDatabase;
  beforeAll(async () => {
    process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "clinicall-api-"));
    process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");
    process.env.PUBLIC_BASE_URL = BASE_URL;
    process.env.LOG_LEVEL = "silent";
    Object.assign(process.env, await options.env?.());
    resetConfigForTests();
    database = await createTestDatabase();
    setDatabase(database);
    if (options.jobs === "enqueue") await startJobRunner({ work: false, database, databaseUrl: database.url });
  });
  afterAll(async () => {
    if (options.jobs === "enqueue") await stopJobRunner({ timeoutMs: 1_000 });
    await database?.close();
  });
  return { db: () => database };
}

/**
 * Runs `action` with these environment variables set and the app's configuration re-read, then
 * puts both back: a setting (a short provider timeout) applies only to the calls it is for.
 */
export async function withEnv<T>(vars: Record<string, string>, action: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  resetConfigForTests();
  try {
    return await action();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfigForTests();
  }
}

/** A browser-like client: keeps its session cookie and sends Origin on writes. */
export class ApiClient {
  cookie: string | undefined;

  async call<T = any>(
    handler: Handler,
    method: string,
    pathAndQuery: string,
    options: { body?: unknown; params?: Record<string, string>; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers = new Headers(options.headers);
    if (this.cookie) headers.set("cookie", `clinicall_session=${this.cookie}`);
    // The app's public origin, as a browser on the page would send it.
    const origin = process.env.PUBLIC_BASE_URL ?? BASE_URL;
    if (method !== "GET" && !headers.has("origin")) headers.set("origin", origin);
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers.set("content-type", "application/json");
    }
    const req = new NextRequest(new URL(pathAndQuery, origin), { method, headers, body });
    const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
    const setCookie = res.headers.get("set-cookie");
    const match = setCookie?.match(/clinicall_session=([^;]*)/);
    if (match) this.cookie = match[1] || undefined;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (CSV, XML); keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(handler: Handler, p: string, params?: Record<string, string>) {
    return this.call<T>(handler, "GET", p, { params });
  }
  post<T = any>(handler: Handler, p: string, body?: unknown, params?: Record<string, string>) {
    return this.call<T>(handler, "POST", p, { body, params });
  }
  put<T = any>(handler: Handler, p: string, body?: unknown, params?: Record<string, string>) {
    return this.call<T>(handler, "PUT", p, { body, params });
  }
  patch<T = any>(handler: Handler, p: string, body?: unknown, params?: Record<string, string>) {
    return this.call<T>(handler, "PATCH", p, { body, params });
  }
  delete<T = any>(handler: Handler, p: string, params?: Record<string, string>) {
    return this.call<T>(handler, "DELETE", p, { params });
  }
}
