import { desc, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { organisationInvitations } from "@/server/db/schema";
import { invitationStatus } from "./invitation-link";

/** Admin or owner: the organisation's invitations, newest first, without their tokens. */
export async function listInvitations(actor: Actor) {
  const { organisationId } = actor;
  const rows = await asUser(actor, (tx) =>
    tx
      .select({
        id: organisationInvitations.id,
        email: organisationInvitations.email,
        role: organisationInvitations.role,
        createdAt: organisationInvitations.createdAt,
        expiresAt: organisationInvitations.expiresAt,
        acceptedAt: organisationInvitations.acceptedAt,
        revokedAt: organisationInvitations.revokedAt,
      })
      .from(organisationInvitations)
      .where(eq(organisationInvitations.organisationId, organisationId))
      .orderBy(desc(organisationInvitations.createdAt))
      .limit(200),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    status: invitationStatus(r),
    created_at: r.createdAt,
    expires_at: r.expiresAt,
    accepted_at: r.acceptedAt,
  }));
}
