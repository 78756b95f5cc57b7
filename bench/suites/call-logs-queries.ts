// The dashboard's call-log and analytics statements, exactly as the app sends them: built by the
// app's own query builders (src/server/call-logs, src/server/analytics) and rendered to SQL text
// and parameters by Drizzle's Postgres dialect.

import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import { analyticsQuery } from "../../src/server/analytics/analytics-query";
import { dashboardStatsQuery } from "../../src/server/analytics/dashboard-stats-query";
import type { CallCursor } from "../../src/server/call-logs/cursor";
import { listCallsQuery } from "../../src/server/call-logs/list-calls-query";
import { searchPattern } from "../../src/server/call-logs/search-pattern";
import type { Identity } from "../lib/database";
import type { QuerySpec } from "../lib/measure";

const dialect = new PgDialect();
const render = (query: SQL) => dialect.sqlToQuery(query);

/** The clinic's zone the analytics buckets in (a DST zone, so the conversion is real work). */
const BENCH_TIME_ZONE = "America/New_York";
/** How deep the "deep page" is: the page after this many of the organisation's newest calls. */
export const DEEP_ROWS = 50_000;
const PAGE_SIZE = 25;
const DAY_MS = 86_400_000;

export interface CallLogsInputs {
  organisationId: string;
  now: Date;
  /** Keyset position after the DEEP_ROWS newest calls. */
  deepCursor: CallCursor;
  /** Part of a caller's number that the organisation has, for the search page. */
  searchDigits: string;
}

/** Reads what the specs need from the data (as the service path). */
export async function callLogsInputs(client: pg.Client, organisationId: string): Promise<CallLogsInputs> {
  const { rows: deep } = await client.query(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at, id
     from public.calls where organisation_id = $1 order by created_at desc, id desc offset $2 limit 1`,
    [organisationId, DEEP_ROWS - 1],
  );
  const { rows: caller } = await client.query(
    "select from_number from public.calls where organisation_id = $1 and from_number is not null order by created_at desc limit 1 offset 500",
    [organisationId],
  );
  const d = deep[0] as { created_at: string; id: string };
  return {
    organisationId,
    now: new Date(),
    deepCursor: { createdAt: d.created_at, id: d.id },
    searchDigits: String((caller[0] as { from_number: string }).from_number).slice(-7),
  };
}

/** Pairs of specs: the member under RLS, and the service path, for each dashboard statement. */
export function callLogsSpecs(inputs: CallLogsInputs, member: Identity): QuerySpec[] {
  const { organisationId, now } = inputs;
  // `service` replaces the statement on the service path where the app's differs (the search
  // function checks membership, which the service path has none of: it searches inline there).
  const statements: { id: string; label: string; query: SQL; service?: SQL }[] = [
    {
      id: "first-page",
      label: "Calls list, first page (25)",
      query: listCallsQuery({ organisationId, limit: PAGE_SIZE + 1 }),
    },
    {
      id: "deep-page",
      label: `Calls list, page ${DEEP_ROWS.toLocaleString("en")} rows deep (keyset)`,
      query: listCallsQuery({ organisationId, limit: PAGE_SIZE + 1, cursor: inputs.deepCursor }),
    },
    {
      id: "search-page",
      label: `Calls list, search for ${inputs.searchDigits} (caller number or transcript)`,
      query: listCallsQuery({ organisationId, limit: PAGE_SIZE + 1, pattern: searchPattern(inputs.searchDigits) }),
      service: listCallsQuery({ organisationId, limit: PAGE_SIZE + 1, pattern: searchPattern(inputs.searchDigits), inlineSearch: true }),
    },
    {
      id: "failed-page",
      label: "Calls list, first page of failed calls",
      query: listCallsQuery({ organisationId, limit: PAGE_SIZE + 1, statuses: ["failed"] }),
    },
    {
      id: "analytics-90d",
      label: "Analytics, 90 days by day",
      query: analyticsQuery({
        organisationId,
        from: new Date(now.getTime() - 90 * DAY_MS),
        to: now,
        timeZone: BENCH_TIME_ZONE,
        granularity: "day",
      }),
    },
    {
      id: "dashboard-stats",
      label: "Dashboard stats (cards)",
      query: dashboardStatsQuery({
        organisationId,
        todayStart: new Date(now.getTime() - (now.getTime() % DAY_MS)),
        weekStart: new Date(now.getTime() - (now.getTime() % DAY_MS) - 6 * DAY_MS),
        now,
      }),
    },
    {
      id: "dashboard-recent",
      label: "Dashboard stats (5 recent calls)",
      query: listCallsQuery({ organisationId, limit: 5 }),
    },
  ];
  const inlineSearch = statements.find((s) => s.id === "search-page")!;
  const naive = render(inlineSearch.service!);
  const pairs = statements.flatMap(({ id, label, query, service }) => {
    const rls = render(query);
    const svc = render(service ?? query);
    return [
      { id: `rls-${id}`, label: `${label}, RLS`, identity: member, sql: rls.sql, params: rls.params },
      { id: `service-${id}`, label: `${label}, service`, identity: { kind: "service" } as const, sql: svc.sql, params: svc.params },
    ];
  });
  // Not what the app sends: the same search as a plain `ilike` under RLS, to show why it doesn't.
  return [...pairs, { id: "rls-search-inline", label: `${inlineSearch.label}, RLS, plain ilike (not used)`, identity: member, ...naive }];
}
