import { asc, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { type IntentJson, intentColumns, toIntentJson } from "./intent-json";

/** Every intent of the clinic in prompt order (position, then age). */
export async function listIntents(actor: Actor): Promise<IntentJson[]> {
  const { organisationId } = actor;
  const rows = await asUser(actor, (tx) =>
    tx
      .select(intentColumns)
      .from(intents)
      .where(eq(intents.organisationId, organisationId))
      .orderBy(asc(intents.position), asc(intents.createdAt), asc(intents.id)),
  );
  return rows.map(toIntentJson);
}
