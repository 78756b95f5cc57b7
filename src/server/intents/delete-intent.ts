import { and, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { intentNotFound } from "./intent-json";

/** Admin or owner. Another clinic's id, or one already deleted → 404. */
export async function deleteIntent(actor: Actor, intentId: string): Promise<void> {
  const { organisationId } = actor;
  const deleted = await asUser(actor, (tx) =>
    tx
      .delete(intents)
      .where(and(eq(intents.id, intentId), eq(intents.organisationId, organisationId)))
      .returning({ id: intents.id }),
  );
  if (deleted.length === 0) throw intentNotFound();
}
