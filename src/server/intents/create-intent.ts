import { eq, sql } from "drizzle-orm";
import { asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { intentColumns, toIntentJson, withUniqueName, type IntentJson } from "./intent-json";
import type { CreateIntentInput } from "./schemas";

/** Admin or owner. A name already used in the clinic (any case) → 409 on `name`. */
export async function createIntent(userId: string, organisationId: string, input: CreateIntentInput): Promise<IntentJson> {
  const row = await withUniqueName(input.name, () =>
    asUser({ userId, organisationId }, async (tx) => {
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
      return inserted!;
    }),
  );
  return toIntentJson(row);
}
