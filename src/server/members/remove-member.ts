import { recordAudit } from "@/server/audit/record-audit";
import { and, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { organisationMembers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { actingMembership } from "@/server/organisations/acting-membership";

/** An owner removes anyone; anyone may leave. The last owner can do neither (→ 409). */
export async function removeMember(actor: Actor, memberId: string): Promise<void> {
  const removed = await asUser(actor, async (tx) => {
    const me = await actingMembership(tx, actor);
    if (memberId !== actor.userId && me.role !== "owner") {
      throw new DomainError("forbidden", `Only an owner of ${me.organisationName} can remove other members.`);
    }
    const rows = await tx
      .delete(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, actor.organisationId), eq(organisationMembers.userId, memberId)))
      .returning({ userId: organisationMembers.userId, role: organisationMembers.role });
    if (rows[0]) {
      const action = memberId === actor.userId ? "member.left" : "member.removed";
      await recordAudit(tx, { action, objectType: "member", objectId: memberId, details: { role: rows[0].role } });
    }
    return rows;
  });
  if (removed.length === 0) throw new DomainError("not_found", "That person is not a member of this clinic.");
}
