import { and, eq } from "drizzle-orm";
import { asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { intentNotFound } from "./intent-json";

/** Admin or owner. Another clinic's id, or one already deleted → 404. */
export async function deleteIntent(userId: string, organisationId: string, intentId: string): Promise<void> {
  const deleted = await asUser({ userId, organisationId }, (tx) =>
    tx
      .delete(intents)
      .where(and(eq(intents.id, intentId), eq(intents.organisationId, organisationId)))
      .returning({ id: intents.id }),
  );
  if (deleted.length === 0) throw intentNotFound();
}
