import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { expect, vi } from "vitest";
import { log } from "@/server/log";
import { logLines } from "@/shared/log-lines";
import { type ApiClient, type ApiResponse, BASE_URL } from "./api";
import type { TestDatabase } from "./test-database";

/**
 * The classes of bad input of issue 12 and the machinery that sends them, shared by the bad-input
 * sweeps (tests/api/bad-input*.integration.test.ts, tests/calls/webhook-bad-input*; their property tests are bad-input-properties.ts): each value put
 * where a string, number, date or id belongs, whole bodies that are not what a route reads, and
 * the checks every answer must pass (a 4xx with the error envelope or a success, never a 5xx;
 * nothing written by a refusal; every log line bounded).
 */

export type Handler = Parameters<ApiClient["call"]>[0];
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface BodyRoute {
  name: string;
  handler: Handler;
  method: "POST" | "PUT" | "PATCH";
  path: string;
  params?: () => Record<string, string>;
  client: () => ApiClient;
  body: () => { [key: string]: Json };
}

export interface QueryRoute {
  name: string;
  handler: Handler;
  path: string;
  client: () => ApiClient;
  query: Record<string, string>;
  /** Parameters that hold a date or an instant: every bad date is refused there. */
  dates: string[];
  /** Tables a successful answer writes to (an export is audited): left out of the nothing-written check. */
  writes?: string[];
}

/** A route with an id in its path: `call` sends `id` there. */
export interface IdRoute {
  name: string;
  call: (client: ApiClient, id: string) => Promise<ApiResponse>;
}

export const MISSING_ID = "00000000-0000-4000-8000-000000000000";
export const MB_STRING = "x".repeat(1_000_000); // just under the 1 MiB body cap: the field's own limit must refuse it
export const HUNDRED_KB = "9".repeat(100_000);
export const DEEP_ARRAY = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
export const DEEP_OBJECT = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;

/** Raw JSON numbers no field accepts (every numeric field is a bounded whole number). */
export const BAD_NUMBERS = [
  "1e308",
  "-1e308",
  "1e400",
  "-1e400",
  "9223372036854775808",
  "-9223372036854775809",
  "0.5",
  "1e-320",
  "4.9e-324",
];
/** Dates and instants that are not real, or absurd. */
export const BAD_DATES = [
  "2026-02-30",
  "2027-02-30",
  "2026-13-01",
  "2026-00-10",
  "99999-01-01",
  "+099999-01-01T00:00:00Z",
  "+275760-09-13T00:00:00.001Z",
  "275760-09-14",
  "-271821-04-19T00:00:00Z",
  "",
  " ",
  "0000-01-01",
  "0000-01-01T00:00:00+01:00",
  "0001-01-01T00:00:00Z",
  "1969-12-31T23:59:59Z",
  "9999-12-31",
  "9999-12-31T23:59:59Z",
  "2026-03-10T25:00:00Z",
  "2026-03-10T09:60:00Z",
  "2026-03-10T09:00:00+99:00",
  "2026-03-10T09:00:00 Mars/Olympus_Mons",
  "2026-03-10T09:00:00[Europe/Nowhere]",
  "1",
  "NaN",
  "\u0000",
];
/** Strings that look like numbers. */
export const NUMBERISH = ["NaN", "Infinity", "-Infinity", "-0", "1e308", "0x10", "9223372036854775808", " 1 "];
/** Strings any text field may hold, or refuse: never a 5xx. */
export const ODD_TEXT = [
  "\u202e\u0301\ud800",
  "lone low \udc00 surrogate",
  "😀".repeat(100),
  "'; drop table calls; --",
  "a\u0000b",
  MB_STRING,
];

export interface Variant {
  label: string;
  raw: string;
  /** true: the value cannot be right for the field: a 4xx that writes nothing. */
  refused: boolean;
}

export function variantsFor(base: Json, isDate: boolean): Variant[] {
  const typeOf = (value: Json) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
  const baseType = typeOf(base);
  // A field whose example is null (an optional text or id) may take a string; the others may not.
  const takesText = baseType === "string" || baseType === "null";
  const out: Variant[] = [];
  const add = (label: string, raw: string, refused: boolean) => out.push({ label, raw, refused });
  // Numbers: every numeric field is a bounded whole number.
  for (const raw of baseType === "number" ? BAD_NUMBERS : ["1e308", "0.5"]) add(`number ${raw}`, raw, true);
  if (baseType === "number") add("number -0", "-0", false);
  // Another JSON type than the field's is refused; the same type may be a valid value.
  for (const raw of ["true", "{}", "[1]", '"x"', "42"]) {
    const type = typeOf(JSON.parse(raw) as Json);
    add(`type ${raw}`, raw, type !== baseType && !(baseType === "null" && type === "string"));
  }
  add("null", "null", false);
  add("deep array", DEEP_ARRAY, true);
  add("deep object", DEEP_OBJECT, true);
  const strings = isDate
    ? [...BAD_DATES, ...NUMBERISH.slice(0, 2)]
    : baseType === "number"
      ? NUMBERISH
      : takesText
        ? [...NUMBERISH.slice(0, 2), ...BAD_DATES.slice(0, 2), ...ODD_TEXT]
        : ["NaN", "2026-02-30", MB_STRING];
  for (const text of strings) {
    const cannotBeText = text === MB_STRING || text.includes("\u0000");
    add(`string ${JSON.stringify(text).slice(0, 30)}`, JSON.stringify(text), !takesText || isDate || cannotBeText);
  }
  return out;
}

export const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** Every path into the body: each key, each array's first element, recursively. */
export function pathsOf(value: Json, prefix: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  const here = prefix.length > 0 ? [{ path: prefix, value }] : [];
  if (Array.isArray(value)) return value.length > 0 ? [...here, ...pathsOf(value[0]!, [...prefix, 0])] : here;
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return here;
}

/** The body as JSON text with `raw` (any JSON text) at `path`. */
export function bodyWith(body: Json, path: (string | number)[], raw: string): string {
  const marker = "\u0001RAW\u0001";
  const copy = structuredClone(body) as Json;
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), () => raw);
}

export function pathOf(route: { path: string; params?: () => Record<string, string> }): string {
  const params = route.params?.() ?? {};
  return route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name);
}

export function send(route: BodyRoute, rawBody: string): Promise<ApiResponse> {
  const params = route.params?.() ?? {};
  return route
    .client()
    .call(route.handler, route.method, pathOf(route), { rawBody, params, headers: { "content-type": "application/json" } });
}

export function expectRefused(res: ApiResponse, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  expectEnvelope(res, what);
}

export function expectNoServerError(res: ApiResponse, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) expectEnvelope(res, what);
}

export function expectEnvelope(res: ApiResponse, what: string) {
  expect(res.body?.error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(res.body).length, what).toBeLessThan(10_000);
}

/** Every row of every table (sessions and log-in throttling aside), as one fingerprint per table. */
export async function fingerprint(database: TestDatabase, skip: string[] = []): Promise<Record<string, string>> {
  const db = database.db;
  const { rows: tables } = await db.execute(sql`
    select tablename from pg_tables where schemaname = 'public'
      and tablename not in ('user_sessions', 'login_throttle_buckets') order by 1`);
  const out: Record<string, string> = {};
  for (const { tablename } of tables as { tablename: string }[]) {
    if (skip.includes(tablename)) continue;
    const { rows } = await db.execute(
      sql.raw(
        `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as f from public."${tablename}" t`,
      ),
    );
    out[tablename] = String(rows[0]!.f);
  }
  return out;
}

/** One clinic's rows, as a fingerprint per table with an organisation_id column. */
export async function clinicFingerprint(database: TestDatabase, organisationId: string): Promise<Record<string, string>> {
  const db = database.db;
  const { rows: tables } = await db.execute(sql`
    select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'organisation_id' order by 1`);
  const out: Record<string, string> = {};
  for (const { table_name } of tables as { table_name: string }[]) {
    const { rows } = await db.execute(
      sql`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as f
            from ${sql.identifier(table_name)} t where organisation_id = ${organisationId}`,
    );
    out[table_name] = String(rows[0]!.f);
  }
  return out;
}

/** A route's few hundred requests take seconds on a quiet machine; a loaded one may be 20 times slower. */
export const ROUTE_TIMEOUT_MS = 300_000;

/**
 * Sends every bad value to every field of `route`'s body and the bodies no route reads: the values
 * no field could accept are each a 4xx with the envelope and together write nothing (tables in
 * `skip` aside: e.g. a log-in's failed-attempt counters); the others are never a 5xx.
 */
export async function sweepBodyRoute(route: BodyRoute, database: TestDatabase, skip: string[] = []): Promise<void> {
  const base = route.body();
  const cases = pathsOf(base).flatMap(({ path, value }) =>
    variantsFor(value, typeof value === "string" && DATE_LIKE.test(value)).map((variant) => ({ path, variant })),
  );
  const before = await fingerprint(database, skip);
  for (const { path, variant } of cases.filter((c) => c.variant.refused)) {
    expectRefused(await send(route, bodyWith(route.body(), path, variant.raw)), `${route.name} ${path.join(".")} = ${variant.label}`);
  }
  for (const raw of ["", "null", "[]", '"x"', "1e308", DEEP_ARRAY, DEEP_OBJECT, "{", '{"a":1}{', "\u0000", '{"\\u0000":1}']) {
    expectRefused(await send(route, raw), `${route.name} whole body ${raw.slice(0, 20)}`);
  }
  expect(await fingerprint(database, skip)).toEqual(before);
  for (const { path, variant } of cases.filter((c) => !c.variant.refused)) {
    expectNoServerError(await send(route, bodyWith(route.body(), path, variant.raw)), `${route.name} ${path.join(".")} = ${variant.label}`);
  }
}

/** Every bad value in every query parameter of `route`: dates refused, nothing a 5xx, nothing written. */
export async function sweepQueryRoute(route: QueryRoute, database: TestDatabase): Promise<void> {
  const call = (query: Record<string, string>) => route.client().get(route.handler, `${route.path}?${new URLSearchParams(query)}`);
  expectNoServerError(await call(route.query), `${route.name} base`);
  const before = await fingerprint(database, route.writes);
  for (const name of Object.keys(route.query)) {
    const isDate = route.dates.includes(name);
    const values = isDate ? [...BAD_DATES, ...NUMBERISH.slice(0, 2)] : [...BAD_DATES.slice(0, 3), ...NUMBERISH, ...ODD_TEXT];
    for (const value of [...values, "x".repeat(100_000)]) {
      const query = { ...route.query, [name]: value };
      const what = `${route.name} ${name}=${JSON.stringify(value).slice(0, 40)}`;
      const res = await call(query);
      const refused =
        (isDate && !(value === "" || value === " ")) || value.includes("\u0000") || value.length >= 100_000 || value === MB_STRING;
      if (refused) expectRefused(res, what);
      else expectNoServerError(res, what);
    }
  }
  expect(await fingerprint(database, route.writes)).toEqual(before);
}

/** Ids no route knows: malformed, absurd or missing; each a 4xx with the envelope. */
export const BAD_IDS = [
  "x",
  "1",
  "-1",
  "1e308",
  MISSING_ID,
  `${MISSING_ID}x`,
  "\u0000",
  "%00",
  "\ud800",
  "x".repeat(100_000),
  "../organisation",
  "NaN",
];

/** Every malformed id (BAD_IDS) in `route`'s path, sent by `client`: each a 4xx. */
export async function sweepIdRoute(route: IdRoute, client: ApiClient): Promise<void> {
  for (const id of BAD_IDS) expectRefused(await route.call(client, id), `${route.name} ${JSON.stringify(id).slice(0, 40)}`);
}

/**
 * A body of `totalBytes` streamed in 64 KiB chunks, made as it is read: `pulled()` says how much
 * the server took, so a test sees that an oversized body is refused without being read to its end.
 */
export function endlessBody(totalBytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

/** A request to a route handler with a streamed body (and no Content-Length: the server must count). */
export function streamedRequest(
  method: string,
  pathAndQuery: string,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): NextRequest {
  return new NextRequest(new URL(pathAndQuery, process.env.PUBLIC_BASE_URL ?? BASE_URL), {
    method,
    headers: { origin: process.env.PUBLIC_BASE_URL ?? BASE_URL, ...headers },
    body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

/** The longest log line a request may write (an error's message is cut at 500 characters: log.ts). */
export const MAX_LOG_LINE = 4_096;

/**
 * Runs `action` with the app's logger on at info and every line it writes captured, then checks
 * each line is JSON of at most MAX_LOG_LINE characters: bad input never becomes a huge log line.
 */
export async function withBoundedLogs<T>(action: () => Promise<T>): Promise<T> {
  const previous = log.level;
  const lines: string[] = [];
  const spy = vi.spyOn(logLines, "write").mockImplementation((line: string) => {
    lines.push(line);
  });
  log.level = "info";
  try {
    return await action();
  } finally {
    log.level = previous;
    spy.mockRestore();
    const long = lines.filter((line) => line.length > MAX_LOG_LINE);
    expect(long.map((line) => `${line.length}: ${line.slice(0, 300)}`)).toEqual([]);
  }
}
