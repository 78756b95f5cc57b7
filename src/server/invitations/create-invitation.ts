import { and, eq, isNull, sql } from "drizzle-orm";
import { languageOfUser } from "@/server/account-safety/recipient-language";
import { requireVerifiedEmail } from "@/server/account-safety/require-verified-email";
import { recordAudit } from "@/server/audit/record-audit";
import { hashToken, newToken } from "@/server/auth/tokens";
import { type Actor, asUser } from "@/server/db/access";
import { type MemberRole, organisationInvitations } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { DomainError } from "@/server/errors";
import { log } from "@/server/log";
import { listMembers } from "@/server/members/list-members";
import { actingMembership } from "@/server/organisations/acting-membership";
import { INVITATION_DAYS, invitationLink } from "./invitation-link";

/**
 * Admin or owner; only an owner invites an owner (checked here for a clear message, and by the
 * RLS policy). A newer invitation to the same email replaces the pending one. The invitation is
 * emailed in the inviter's language (queued with the row: both or neither), and the link also
 * goes back to the inviter, who can pass it on another way. The inviter's address must be
 * confirmed first. The link never reaches the log.
 */
export async function createInvitation(actor: Actor, email: string, role: MemberRole) {
  const { userId, organisationId } = actor;
  const me = await asUser(actor, (tx) => actingMembership(tx, actor));
  if (role === "owner" && me.role !== "owner") {
    throw new DomainError("forbidden", "Only an owner can invite another owner.");
  }
  await requireVerifiedEmail(userId, "invite others");
  const members = await listMembers(actor);
  if (members.some((m) => m.email === email)) {
    throw new DomainError("conflict", `${email} is already a member of ${me.organisationName}.`, {
      fields: [{ path: "email", message: "is already a member" }],
    });
  }
  const token = newToken();
  const row = await asUser(actor, async (tx) => {
    await tx
      .update(organisationInvitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(organisationInvitations.organisationId, organisationId),
          eq(organisationInvitations.email, email),
          isNull(organisationInvitations.acceptedAt),
          isNull(organisationInvitations.revokedAt),
        ),
      );
    const [inserted] = await tx
      .insert(organisationInvitations)
      .values({
        organisationId,
        email,
        role,
        tokenHash: hashToken(token),
        invitedBy: userId,
        // The app's clock, the one invitationState() compares with: a database clock that differs
        // from the server's (another host, a pinned test clock) must not expire a fresh link.
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      })
      .returning({
        id: organisationInvitations.id,
        createdAt: organisationInvitations.createdAt,
        expiresAt: organisationInvitations.expiresAt,
      });
    await recordAudit(tx, { action: "invitation.created", objectType: "invitation", objectId: inserted!.id, details: { email, role } });
    const emailed = await queueEmail(tx, {
      to: email,
      template: "account.invitation",
      language: await languageOfUser(tx, userId),
      data: { url: invitationLink(token), clinicName: me.organisationName, role },
      key: inserted!.id,
    });
    return { ...inserted!, emailed: emailed !== "off" };
  });
  const link = invitationLink(token);
  log.info({ organisationId, invitationId: row.id, role, emailed: row.emailed }, "invitation created");
  return {
    id: row.id,
    email,
    role,
    status: "pending" as const,
    created_at: row.createdAt,
    expires_at: row.expiresAt,
    accept_url: link,
    emailed: row.emailed,
  };
}
