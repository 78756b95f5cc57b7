import { and, eq } from "drizzle-orm";
import type { Membership } from "@/server/auth/current-user";
import { asUser } from "@/server/db/access";
import { organisationMembers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

/** An owner removes anyone; anyone may leave. The last owner can do neither (→ 409). */
export async function removeMember(userId: string, org: Membership, memberId: string): Promise<void> {
  if (memberId !== userId && org.role !== "owner") {
    throw new DomainError("forbidden", `Only an owner of ${org.name} can remove other members.`);
  }
  const removed = await asUser({ userId, organisationId: org.id }, (tx) =>
    tx
      .delete(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, org.id), eq(organisationMembers.userId, memberId)))
      .returning({ userId: organisationMembers.userId }),
  );
  if (removed.length === 0) throw new DomainError("not_found", "That person is not a member of this clinic.");
}
