import { type Actor, asUser } from "@/server/db/access";
import { type CallLogJson, toCallLogJson } from "./call-log-json";
import { clinicTimeZone } from "./clinic-time-zone";
import { decodeCursor, encodeCursor } from "./cursor";
import { resolveRange } from "./date-range";
import { type ListCallsParams, listCallsQuery } from "./list-calls-query";
import type { CallLogFilters, CallLogsQuery } from "./schemas";
import { searchPattern } from "./search-pattern";

export interface CallLogPage {
  calls: CallLogJson[];
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: string | null;
}

/** As the signed-in member (RLS), with the organisation filter as well. */
export async function listCallLogs(actor: Actor, query: CallLogsQuery): Promise<CallLogPage> {
  const { organisationId } = actor;
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  return asUser(actor, async (tx) => {
    const timeZone = await clinicTimeZone(tx, organisationId);
    const params = { ...listParams(organisationId, query, timeZone), cursor, limit: query.limit + 1 };
    const { rows } = await tx.execute(listCallsQuery(params));
    const calls = rows.slice(0, query.limit).map(toCallLogJson);
    const last = calls.at(-1);
    const more = rows.length > query.limit && last;
    return { calls, next_cursor: more ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null };
  });
}

/** The filters of a request as query parameters (range resolved in the clinic's timezone). */
export function listParams(organisationId: string, filters: CallLogFilters, timeZone: string): Omit<ListCallsParams, "limit"> {
  const range = resolveRange(filters, timeZone);
  return {
    organisationId,
    ...range,
    statuses: filters.status,
    outcome: filters.outcome,
    pattern: filters.q ? searchPattern(filters.q) : undefined,
  };
}
