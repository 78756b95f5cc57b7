import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { type MemberRole, organisationMembers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

/**
 * Owner only (the route and the RLS policy both say so). The database refuses to demote the
 * last owner (trigger keep_an_owner → 409).
 */
export async function changeMemberRole(actor: Actor, memberId: string, role: MemberRole) {
  const { organisationId } = actor;
  const [row] = await asUser(actor, async (tx) => {
    const member = and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, memberId));
    const [before] = await tx.select({ role: organisationMembers.role }).from(organisationMembers).where(member);
    const rows = await tx
      .update(organisationMembers)
      .set({ role })
      .where(member)
      .returning({ userId: organisationMembers.userId, role: organisationMembers.role });
    if (rows[0] && before?.role !== rows[0].role) {
      await recordAudit(tx, {
        action: "member.role_changed",
        objectType: "member",
        objectId: memberId,
        details: { from: before?.role ?? null, to: rows[0].role },
      });
    }
    return rows;
  });
  if (!row) throw new DomainError("not_found", "That person is not a member of this clinic.");
  return { user_id: row.userId, role: row.role };
}
