import { sql } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "@/server/call-logs/cursor";
import { type Actor, asUser } from "@/server/db/access";
import { type MessageJson, messageJoins, messageSelect, toMessageJson } from "./message-json";
import type { MessagesQuery } from "./schemas";

export interface MessagePage {
  messages: MessageJson[];
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: string | null;
  /** New messages of the clinic (whatever the filters), for the navigation's badge. */
  unread_count: number;
}

/**
 * Newest first, keyset on (created_at, id) (messages_list_idx / messages_status_idx), filtered
 * by status and assignee; as the signed-in member (RLS) with the organisation filter as well.
 */
export async function listMessages(actor: Actor, query: MessagesQuery): Promise<MessagePage> {
  const { organisationId } = actor;
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const conditions = [sql`m.organisation_id = ${organisationId}`];
  if (query.status)
    conditions.push(
      sql`m.status in (${sql.join(
        query.status.map((status) => sql`${status}`),
        sql`, `,
      )})`,
    );
  if (query.assignee === "none") conditions.push(sql`m.assigned_to is null`);
  else if (query.assignee) conditions.push(sql`m.assigned_to = ${query.assignee === "me" ? actor.userId : query.assignee}`);
  if (cursor) conditions.push(sql`(m.created_at, m.id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  return asUser(actor, async (tx) => {
    const { rows } = await tx.execute(
      sql`select ${messageSelect} from public.messages m ${messageJoins}
          where ${sql.join(conditions, sql` and `)}
          order by m.created_at desc, m.id desc limit ${query.limit + 1}`,
    );
    const unread = await tx.execute(
      sql`select count(*)::int as n from public.messages where organisation_id = ${organisationId} and status = 'new'`,
    );
    const messages = rows.slice(0, query.limit).map(toMessageJson);
    const last = messages.at(-1);
    return {
      messages,
      next_cursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
      unread_count: Number(unread.rows[0]?.n ?? 0),
    };
  });
}

/** The navigation's badge: how many messages are new. */
export async function countUnreadMessages(actor: Actor): Promise<number> {
  const { rows } = await asUser(actor, (tx) =>
    tx.execute(sql`select count(*)::int as n from public.messages where organisation_id = ${actor.organisationId} and status = 'new'`),
  );
  return Number(rows[0]?.n ?? 0);
}
