import { and, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { type IntentJson, intentColumns, intentNotFound, toIntentJson } from "./intent-json";

/** Another clinic's id → 404 (RLS hides it, and the query filters by organisation too). */
export async function getIntent(actor: Actor, intentId: string): Promise<IntentJson> {
  const { organisationId } = actor;
  const [row] = await asUser(actor, (tx) =>
    tx
      .select(intentColumns)
      .from(intents)
      .where(and(eq(intents.id, intentId), eq(intents.organisationId, organisationId))),
  );
  if (!row) throw intentNotFound();
  return toIntentJson(row);
}
