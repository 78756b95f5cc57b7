import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { organisationInvitations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { invitationStatus } from "./invitation-link";

/** Admin or owner. Another organisation's invitation id → 404; an accepted one → 409. */
export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  const { organisationId } = actor;
  await asUser(actor, async (tx) => {
    const where = and(eq(organisationInvitations.id, invitationId), eq(organisationInvitations.organisationId, organisationId));
    const [row] = await tx
      .select({
        acceptedAt: organisationInvitations.acceptedAt,
        revokedAt: organisationInvitations.revokedAt,
        expiresAt: organisationInvitations.expiresAt,
      })
      .from(organisationInvitations)
      .where(where);
    if (!row) throw new DomainError("not_found", "There is no such invitation in this clinic.");
    if (invitationStatus(row) === "accepted") throw new DomainError("conflict", "This invitation has already been accepted.");
    if (!row.revokedAt) {
      await tx.update(organisationInvitations).set({ revokedAt: sql`now()` }).where(where);
      await recordAudit(tx, { action: "invitation.revoked", objectType: "invitation", objectId: invitationId });
    }
  });
}
