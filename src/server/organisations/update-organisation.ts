import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { organisations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { actingMembership } from "./acting-membership";
import { toOrganisationJson } from "./get-organisation";
import type { UpdateOrganisationInput } from "./schemas";

/** Admin or owner: rename the clinic, pick its voice agent, or confirm/choose its time zone. RLS enforces the role too. */
export async function updateOrganisation(actor: Actor, input: z.infer<typeof UpdateOrganisationInput>) {
  const { row, role } = await asUser(actor, async (tx) => {
    const { role } = await actingMembership(tx, actor);
    const [updated] = await tx
      .update(organisations)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.selected_voice_agent_id !== undefined && { selectedVoiceAgentId: input.selected_voice_agent_id }),
        ...(input.timezone !== undefined && { timezone: input.timezone, timezoneConfirmedAt: sql`now()` }),
      })
      .where(eq(organisations.id, actor.organisationId))
      .returning();
    const fields = [
      ...(input.name !== undefined ? ["name"] : []),
      ...(input.selected_voice_agent_id !== undefined ? ["selected_voice_agent_id"] : []),
      ...(input.timezone !== undefined ? ["timezone"] : []),
    ];
    if (updated && fields.length > 0) {
      await recordAudit(tx, {
        action: "settings.clinic_changed",
        objectType: "organisation",
        objectId: actor.organisationId,
        details: {
          fields,
          ...(input.name !== undefined && { name: input.name }),
          ...(input.timezone !== undefined && { timezone: input.timezone }),
        },
      });
    }
    return { row: updated, role };
  });
  if (!row) throw new DomainError("not_found", "This clinic no longer exists.");
  return toOrganisationJson(row, role);
}
