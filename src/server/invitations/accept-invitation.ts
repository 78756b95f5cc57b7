import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import type { CurrentUser } from "@/server/auth/current-user";
import { setSessionOrganisation } from "@/server/auth/sessions";
import { hashToken } from "@/server/auth/tokens";
import type { Db } from "@/server/db/access";
import { asAuth } from "@/server/db/access";
import { organisationInvitations, organisationMembers, organisations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { invitationStatus } from "./invitation-link";

/** `lock` holds the row until the transaction ends, so two accepts of one token cannot both win. */
async function findInvitation(tx: Db, token: string, lock: boolean) {
  const query = tx
    .select({
      id: organisationInvitations.id,
      organisationId: organisationInvitations.organisationId,
      organisationName: organisations.name,
      email: organisationInvitations.email,
      role: organisationInvitations.role,
      expiresAt: organisationInvitations.expiresAt,
      acceptedAt: organisationInvitations.acceptedAt,
      revokedAt: organisationInvitations.revokedAt,
    })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(eq(organisationInvitations.tokenHash, hashToken(token)));
  const [row] = lock ? await query.for("update", { of: organisationInvitations }) : await query;
  return row;
}

const unusable = {
  accepted: "This invitation has already been used. Ask the clinic for a new one if you still need access.",
  revoked: "This invitation was withdrawn by the clinic. Ask them for a new one.",
  expired: "This invitation has expired (they last 7 days). Ask the clinic for a new one.",
} as const;

/** What the accept page shows before the person confirms. */
export async function previewInvitation(token: string) {
  const row = await asAuth((tx) => findInvitation(tx, token, false));
  if (!row) throw new DomainError("not_found", "This invitation link is not valid. Check that you copied all of it.");
  return {
    organisation_name: row.organisationName,
    email: row.email,
    role: row.role,
    status: invitationStatus(row),
    expires_at: row.expiresAt,
  };
}

/**
 * Auth pool, inside the caller's transaction: uses the invitation once for `user`, whose
 * email must be the invited one, and makes them a member. Expired, used, revoked or someone
 * else's each get their own message.
 */
export async function consumeInvitation(tx: Db, token: string, user: { id: string; email: string }) {
  const row = await findInvitation(tx, token, true);
  if (!row) throw new DomainError("not_found", "This invitation link is not valid. Check that you copied all of it.");
  const status = invitationStatus(row);
  if (status !== "pending") throw new DomainError("gone", unusable[status], { reason: status });
  if (row.email !== user.email.toLowerCase()) {
    throw new DomainError(
      "forbidden",
      `This invitation is for ${row.email}, but you are signed in as ${user.email}. Sign in with the invited address.`,
      { reason: "wrong_account" },
    );
  }
  await tx
    .insert(organisationMembers)
    .values({ organisationId: row.organisationId, userId: user.id, role: row.role })
    .onConflictDoNothing();
  await tx
    .update(organisationInvitations)
    .set({ acceptedAt: sql`now()`, acceptedBy: user.id })
    .where(eq(organisationInvitations.id, row.id));
  await recordAudit(tx, {
    action: "invitation.accepted",
    objectType: "invitation",
    objectId: row.id,
    organisationId: row.organisationId,
    userId: user.id,
    details: { role: row.role },
  });
  const [membership] = await tx
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, row.organisationId), eq(organisationMembers.userId, user.id)));
  return { id: row.organisationId, name: row.organisationName, role: membership?.role ?? row.role };
}

/** POST /api/invitations/accept: a signed-in person joins, and the clinic becomes current. */
export async function acceptInvitation(current: CurrentUser, token: string) {
  return asAuth(async (tx) => {
    const organisation = await consumeInvitation(tx, token, current.user);
    await setSessionOrganisation(tx, current.session.id, organisation.id);
    return { organisation };
  });
}
