import { eq, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import type { CreateIntentInput } from "@/shared/schemas/intents";
import { type IntentJson, intentColumns, toIntentJson, withUniqueName } from "./intent-json";

/** Admin or owner. A name already used in the clinic (any case) → 409 on `name`. */
export async function createIntent(actor: Actor, input: CreateIntentInput): Promise<IntentJson> {
  const { userId, organisationId } = actor;
  const row = await withUniqueName(input.name, () =>
    asUser(actor, async (tx) => {
      const nextPosition = sql<number>`(select coalesce(max(${intents.position}) + 1, 0) from ${intents} where ${eq(intents.organisationId, organisationId)})`;
      const [inserted] = await tx
        .insert(intents)
        .values({
          organisationId,
          userId,
          name: input.name,
          examplePhrases: input.example_phrases,
          responseEn: input.response_en,
          responseRu: input.response_ru,
          action: input.action,
          isActive: input.is_active,
          position: input.position ?? nextPosition,
        })
        .returning(intentColumns);
      await recordAudit(tx, { action: "intent.created", objectType: "intent", objectId: inserted!.id, details: { name: input.name } });
      return inserted!;
    }),
  );
  return toIntentJson(row);
}
