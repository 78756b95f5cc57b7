import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { ReplaceIntentInput } from "@/shared/schemas/intents";
import { type IntentJson, intentColumns, intentNotFound, toIntentJson, withUniqueName } from "./intent-json";

const staleVersion = () =>
  new DomainError("conflict", "Someone else changed this intent after you opened it. Reload it to see their changes, then edit again.", {
    reason: "stale_version",
  });

/**
 * Admin or owner. Replaces the intent only if it is still at the version the editor read
 * (`updated_at`): the check and the write are one UPDATE, so two editors cannot both win.
 */
export async function replaceIntent(actor: Actor, intentId: string, input: ReplaceIntentInput): Promise<IntentJson> {
  const { organisationId } = actor;
  const row = await withUniqueName(input.name, () =>
    asUser(actor, async (tx) => {
      const owned = and(eq(intents.id, intentId), eq(intents.organisationId, organisationId));
      const [updated] = await tx
        .update(intents)
        .set({
          name: input.name,
          examplePhrases: input.example_phrases,
          responseEn: input.response_en,
          responseRu: input.response_ru,
          action: input.action,
          isActive: input.is_active,
          ...(input.position !== undefined && { position: input.position }),
        })
        .where(and(owned, sql`${intents.updatedAt} = ${input.updated_at}::timestamptz`))
        .returning(intentColumns);
      if (updated) {
        await recordAudit(tx, { action: "intent.updated", objectType: "intent", objectId: updated.id, details: { name: input.name } });
        return updated;
      }
      const [exists] = await tx.select({ id: intents.id }).from(intents).where(owned);
      throw exists ? staleVersion() : intentNotFound();
    }),
  );
  return toIntentJson(row);
}
