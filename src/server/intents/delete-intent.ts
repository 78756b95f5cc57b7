import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { intentNotFound } from "./intent-json";

/** Admin or owner. Another clinic's id, or one already deleted → 404. */
export async function deleteIntent(actor: Actor, intentId: string): Promise<void> {
  const { organisationId } = actor;
  const deleted = await asUser(actor, async (tx) => {
    const rows = await tx
      .delete(intents)
      .where(and(eq(intents.id, intentId), eq(intents.organisationId, organisationId)))
      .returning({ id: intents.id, name: intents.name });
    if (rows[0])
      await recordAudit(tx, { action: "intent.deleted", objectType: "intent", objectId: rows[0].id, details: { name: rows[0].name } });
    return rows;
  });
  if (deleted.length === 0) throw intentNotFound();
}
