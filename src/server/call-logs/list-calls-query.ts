import { type SQL, sql } from "drizzle-orm";
import type { CallStatus } from "@/server/db/schema";
import type { CallOutcome } from "@/shared/ended-reasons";
import type { CallCursor } from "./cursor";

export interface ListCallsParams {
  organisationId: string;
  limit: number;
  cursor?: CallCursor;
  from?: Date;
  to?: Date;
  statuses?: CallStatus[];
  outcome?: CallOutcome;
  /** An ILIKE pattern (see searchPattern). */
  pattern?: string;
  /**
   * Search with a plain `ilike` condition instead of public.search_call_ids(). Only for the
   * service path (the bench's comparison), which acts for no organisation.
   */
  inlineSearch?: boolean;
}

/** created_at with Postgres's microseconds, as the API and cursors carry it. */
const createdAtText = sql`to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Newest first, keyset on (created_at, id): a page is an index range scan on
 * calls_organisation_created_at_idx however deep it is, and calls that share a timestamp are
 * neither repeated nor skipped. Always filters by organisation_id explicitly, on top of RLS.
 *
 * A search asks public.search_call_ids() for the page's ids (it answers only for the acting
 * organisation, then can use the trigram index, which RLS would otherwise rule out) and reads
 * those rows under RLS.
 */
export function listCallsQuery(params: ListCallsParams): SQL {
  // A call whose metadata retention has passed is an anonymous count for analytics, not a call to list.
  const conditions: SQL[] = [sql`c.organisation_id = ${params.organisationId}`, sql`c.metadata_deleted_at is null`];
  if (params.pattern && !params.inlineSearch) {
    conditions.push(sql`c.id = any (array(${searchCallIds(params)}))`);
  } else {
    conditions.push(...filterConditions(params));
    if (params.pattern) {
      conditions.push(sql`(coalesce(c.from_number, '') || ' ' || coalesce(c.transcript, '')) ilike ${params.pattern}`);
    }
  }
  return sql`select c.id, ${createdAtText} as created_at, c.from_number, c.to_number, c.status, c.ended_reason,
      c.duration_seconds, c.summary, c.language, c.cost,
      (select a.id from public.appointments a
        where a.organisation_id = c.organisation_id and a.call_id = c.id
        order by a.status = 'cancelled', a.created_at limit 1) as appointment_id
    from public.calls c
    where ${sql.join(conditions, sql` and `)}
    order by c.created_at desc, c.id desc
    limit ${params.limit}`;
}

function filterConditions(params: ListCallsParams): SQL[] {
  const conditions: SQL[] = [];
  if (params.cursor) conditions.push(sql`(c.created_at, c.id) < (${params.cursor.createdAt}::timestamptz, ${params.cursor.id}::uuid)`);
  if (params.from) conditions.push(sql`c.created_at >= ${params.from.toISOString()}::timestamptz`);
  if (params.to) conditions.push(sql`c.created_at < ${params.to.toISOString()}::timestamptz`);
  if (params.statuses?.length) conditions.push(sql`c.status = any (${statusArray(params.statuses)}::text[])`);
  if (params.outcome) conditions.push(sql`public.call_outcome(c.status, c.ended_reason) = ${params.outcome}`);
  return conditions;
}

function searchCallIds(params: ListCallsParams): SQL {
  return sql`select public.search_call_ids(${params.organisationId}::uuid, ${params.pattern}::text, ${params.limit}::integer,
      ${params.from?.toISOString() ?? null}::timestamptz, ${params.to?.toISOString() ?? null}::timestamptz,
      ${params.statuses?.length ? statusArray(params.statuses) : null}::text[], ${params.outcome ?? null}::text,
      ${params.cursor?.createdAt ?? null}::timestamptz, ${params.cursor?.id ?? null}::uuid)`;
}

/** A text[] literal of validated statuses (enum values: no quoting needed). */
function statusArray(statuses: CallStatus[]): string {
  return `{${statuses.join(",")}}`;
}
