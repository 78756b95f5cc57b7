import { and, eq } from "drizzle-orm";
import type { Actor } from "@/server/actor";
import type { Db } from "@/server/db/access";
import { type MemberRole, organisationMembers, organisations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

/**
 * The acting person's role in the organisation they act for, and its name, read in their own
 * transaction (row level security shows a member their membership and clinic): what an operation
 * needs for a role rule or a message, without the caller handing it in.
 */
export async function actingMembership(tx: Db, actor: Actor): Promise<{ role: MemberRole; organisationName: string }> {
  const [row] = await tx
    .select({ role: organisationMembers.role, organisationName: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.organisationId, actor.organisationId), eq(organisationMembers.userId, actor.userId)));
  if (!row) throw new DomainError("forbidden", "You are not a member of this clinic.");
  return row;
}
