import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { organisationMembers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { actingMembership } from "@/server/organisations/acting-membership";

/** An owner removes anyone; anyone may leave. The last owner can do neither (→ 409). */
export async function removeMember(actor: Actor, memberId: string): Promise<void> {
  await asUser(actor, async (tx) => {
    const me = await actingMembership(tx, actor);
    if (memberId !== actor.userId && me.role !== "owner") {
      throw new DomainError("forbidden", `Only an owner of ${me.organisationName} can remove other members.`);
    }
    const member = and(eq(organisationMembers.organisationId, actor.organisationId), eq(organisationMembers.userId, memberId));
    const [target] = await tx.select({ role: organisationMembers.role }).from(organisationMembers).where(member);
    if (!target) throw new DomainError("not_found", "That person is not a member of this clinic.");
    // Recorded first: once a person has left, they no longer act for the clinic and could not write it.
    const action = memberId === actor.userId ? "member.left" : "member.removed";
    await recordAudit(tx, { action, objectType: "member", objectId: memberId, details: { role: target.role } });
    const rows = await tx.delete(organisationMembers).where(member).returning({ userId: organisationMembers.userId });
    // Another transaction removed them meanwhile: nothing happened, so nothing is recorded.
    if (rows.length === 0) throw new DomainError("not_found", "That person is not a member of this clinic.");
  });
}
