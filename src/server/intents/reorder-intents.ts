import { eq, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { type IntentJson, intentColumns, toIntentJson } from "./intent-json";

/**
 * Admin or owner. `ids` must be exactly the clinic's intents; any other list (one added or
 * deleted meanwhile, or an id from elsewhere) → 409 and nothing changes. Returns the new list.
 */
export async function reorderIntents(actor: Actor, ids: string[]): Promise<IntentJson[]> {
  const { organisationId } = actor;
  const rows = await asUser(actor, async (tx) => {
    const current = await tx.select({ id: intents.id }).from(intents).where(eq(intents.organisationId, organisationId)).for("update");
    const known = new Set(current.map((r) => r.id));
    if (current.length !== ids.length || !ids.every((id) => known.has(id))) {
      throw new DomainError("conflict", "The list of intents has changed since you loaded it. Reload and try again.");
    }
    if (ids.length > 0) {
      const positions = sql.join(
        ids.map((id, index) => sql`(${id}::uuid, ${index}::integer)`),
        sql`, `,
      );
      await tx.execute(sql`
        update public.intents as i set position = v.position
        from (values ${positions}) as v(id, position)
        where i.id = v.id and i.organisation_id = ${organisationId} and i.position <> v.position`);
      await recordAudit(tx, { action: "intent.updated", objectType: "intent", details: { reordered: ids.length } });
    }
    return tx
      .select(intentColumns)
      .from(intents)
      .where(eq(intents.organisationId, organisationId))
      .orderBy(intents.position, intents.createdAt, intents.id);
  });
  return rows.map(toIntentJson);
}
