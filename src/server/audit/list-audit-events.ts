import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "@/server/actor";
import { clinicTimeZone } from "@/server/call-logs/clinic-time-zone";
import { type CallCursor, decodeCursor, encodeCursor } from "@/server/call-logs/cursor";
import { resolveRange } from "@/server/call-logs/date-range";
import { asService, asUser, type Db } from "@/server/db/access";
import type { AuditExportQuery, AuditQuery } from "./schemas";

export interface AuditEventJson {
  id: string;
  created_at: string;
  action: string;
  object_type: string;
  object_id: string | null;
  details: Record<string, unknown>;
  /** Null for what no person did (the nightly retention job). */
  user: { id: string; email: string | null } | null;
  ip_address: string | null;
  user_agent: string | null;
}

export interface AuditPageJson {
  events: AuditEventJson[];
  next_cursor: string | null;
}

export interface AuditFilters {
  organisationId: string;
  action?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  cursor?: CallCursor;
  limit: number;
}

/** One page, newest first, keyset on (created_at, id): read as the person, so only owners see rows (RLS). */
export function auditPageQuery(f: AuditFilters): SQL {
  const where: SQL[] = [sql`organisation_id = ${f.organisationId}`];
  if (f.action) where.push(sql`action = ${f.action}`);
  if (f.userId) where.push(sql`user_id = ${f.userId}::uuid`);
  if (f.from) where.push(sql`created_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`created_at < ${f.to.toISOString()}::timestamptz`);
  if (f.cursor) where.push(sql`(created_at, id) < (${f.cursor.createdAt}::timestamptz, ${f.cursor.id}::uuid)`);
  return sql`
    select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at, action, object_type,
           object_id, details, user_id, ip_address, user_agent
    from public.audit_events
    where ${sql.join(where, sql` and `)}
    order by created_at desc, id desc
    limit ${f.limit}`;
}

export async function filtersFor(
  tx: Db,
  actor: Actor,
  query: AuditExportQuery & { cursor?: string },
  limit: number,
): Promise<AuditFilters> {
  const zone = await clinicTimeZone(tx, actor.organisationId);
  const range = resolveRange(query, zone);
  return {
    organisationId: actor.organisationId,
    action: query.action,
    userId: query.user_id,
    ...range,
    cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit,
  };
}

/**
 * The people named by a page of rows, by id: read on the service path because a person who has
 * left the clinic is no longer a member (the owner could not see their address any more), and
 * only the ids the owner's own read returned are looked up.
 */
export async function emailsOf(userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const { rows } = await asService((tx) =>
    tx.execute(
      sql`select id::text as id, email from auth.users where id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    ),
  );
  return new Map(rows.map((r) => [String(r.id), String(r.email)]));
}

export function toAuditEventJson(row: Record<string, unknown>, emails: Map<string, string>): AuditEventJson {
  const userId = row.user_id ? String(row.user_id) : null;
  return {
    id: String(row.id),
    created_at: String(row.created_at),
    action: String(row.action),
    object_type: String(row.object_type),
    object_id: row.object_id === null ? null : String(row.object_id),
    details: (row.details ?? {}) as Record<string, unknown>,
    user: userId ? { id: userId, email: emails.get(userId) ?? null } : null,
    ip_address: row.ip_address === null ? null : String(row.ip_address),
    user_agent: row.user_agent === null ? null : String(row.user_agent),
  };
}

/** Owners only (the route checks the role; RLS shows nobody else a row). */
export async function listAuditEvents(actor: Actor, query: AuditQuery): Promise<AuditPageJson> {
  const rows = await asUser(actor, async (tx) => {
    const filters = await filtersFor(tx, actor, query, query.limit + 1);
    return (await tx.execute(auditPageQuery(filters))).rows;
  });
  const page = rows.slice(0, query.limit);
  const emails = await emailsOf(page.flatMap((r) => (r.user_id ? [String(r.user_id)] : [])));
  const events = page.map((row) => toAuditEventJson(row, emails));
  const last = events.at(-1);
  return {
    events,
    next_cursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
