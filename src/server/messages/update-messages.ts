import { sql } from "drizzle-orm";
import { type Actor, asUser, type Db } from "@/server/db/access";
import { DomainError } from "@/server/errors";
import { messageNotFound } from "./message-json";
import type { UpdateMessageInput, UpdateMessagesInput } from "./schemas";

/**
 * Moves messages along (new → in_progress → done, or back) and assigns them, as the signed-in
 * member (RLS; members may change only status and assignee, by column grant). A status change
 * records who and when; setting the same status again changes nothing. An assignee must be a
 * member of the clinic (422 otherwise). Returns the ids changed: another clinic's ids are not
 * among them.
 */
export async function updateMessages(
  actor: Actor,
  ids: string[],
  input: UpdateMessageInput | Omit<UpdateMessagesInput, "ids">,
): Promise<string[]> {
  return asUser(actor, async (tx) => {
    if (input.assignee_id) await requireMember(tx, actor.organisationId, input.assignee_id);
    const sets = [];
    if (input.status !== undefined) {
      sets.push(
        sql`status_changed_at = case when status is distinct from ${input.status} then now() else status_changed_at end`,
        sql`status_changed_by = case when status is distinct from ${input.status} then ${actor.userId}::uuid else status_changed_by end`,
        sql`status = ${input.status}`,
      );
    }
    if (input.assignee_id !== undefined) sets.push(sql`assigned_to = ${input.assignee_id}`);
    const { rows } = await tx.execute(
      sql`update public.messages set ${sql.join(sets, sql`, `)}
          where organisation_id = ${actor.organisationId}
            and id in (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})
          returning id`,
    );
    return rows.map((row) => row.id as string);
  });
}

/** PATCH /api/messages/:id: one message; unknown or another clinic's → 404. */
export async function updateMessage(actor: Actor, id: string, input: UpdateMessageInput): Promise<void> {
  const changed = await updateMessages(actor, [id], input);
  if (changed.length === 0) throw messageNotFound();
}

async function requireMember(tx: Db, organisationId: string, userId: string): Promise<void> {
  const { rows } = await tx.execute(
    sql`select 1 from public.organisation_members where organisation_id = ${organisationId} and user_id = ${userId}`,
  );
  if (rows.length === 0) {
    throw new DomainError("invalid_input", "assignee_id: this person is not a member of the clinic.", {
      fields: [{ path: "assignee_id", message: "is not a member of this clinic" }],
    });
  }
}
