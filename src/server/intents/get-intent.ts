import { and, eq } from "drizzle-orm";
import { asUser, type Actor } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { intentColumns, intentNotFound, toIntentJson, type IntentJson } from "./intent-json";

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
