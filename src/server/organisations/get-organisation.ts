import { eq } from "drizzle-orm";
import type { Membership } from "@/server/auth/current-user";
import { type Actor, asUser } from "@/server/db/access";
import { organisations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { actingMembership } from "./acting-membership";

export async function getOrganisation(actor: Actor) {
  const { row, role } = await asUser(actor, async (tx) => {
    const [found] = await tx.select().from(organisations).where(eq(organisations.id, actor.organisationId));
    return { row: found, role: found ? (await actingMembership(tx, actor)).role : undefined };
  });
  if (!row || !role) throw new DomainError("not_found", "This clinic no longer exists.");
  return toOrganisationJson(row, role);
}

export function toOrganisationJson(row: typeof organisations.$inferSelect, role: Membership["role"]) {
  return {
    id: row.id,
    name: row.name,
    selected_voice_agent_id: row.selectedVoiceAgentId,
    timezone: row.timezone,
    /** false while the zone is still a guess (from the browser at sign-up or the first phone number). */
    timezone_confirmed: row.timezoneConfirmedAt !== null,
    role,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
