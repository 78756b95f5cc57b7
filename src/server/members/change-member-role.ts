import { and, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { type MemberRole, organisationMembers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

/**
 * Owner only (the route and the RLS policy both say so). The database refuses to demote the
 * last owner (trigger keep_an_owner → 409).
 */
export async function changeMemberRole(actor: Actor, memberId: string, role: MemberRole) {
  const { organisationId } = actor;
  const [row] = await asUser(actor, (tx) =>
    tx
      .update(organisationMembers)
      .set({ role })
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, memberId)))
      .returning({ userId: organisationMembers.userId, role: organisationMembers.role }),
  );
  if (!row) throw new DomainError("not_found", "That person is not a member of this clinic.");
  return { user_id: row.userId, role: row.role };
}
