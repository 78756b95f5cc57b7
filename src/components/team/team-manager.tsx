"use client";

import { Alert } from "@/components/ui/alert";
import { canManage, type Invitation, type Member, type Role } from "@/lib/api-types";
import { useApiResource } from "@/lib/use-api-resource";
import { InvitationsCard } from "./invitations-card";
import { InviteForm } from "./invite-form";
import { MembersCard } from "./members-card";

export interface TeamManagerProps {
  currentUserId: string;
  role: Role;
  clinicName: string;
}

/** The Team page's body: invite (admins, owners), members, invitations (admins, owners). */
export function TeamManager({ currentUserId, role, clinicName }: TeamManagerProps) {
  const manager = canManage(role);
  const members = useApiResource<Member[]>("/api/organisation/members");
  const invitations = useApiResource<Invitation[]>(manager ? "/api/organisation/invitations" : null);

  return (
    <div className="space-y-6">
      {manager ? (
        <InviteForm inviterRole={role} clinicName={clinicName} onInvited={() => void invitations.reload()} />
      ) : (
        <Alert variant="info">Only admins and owners can invite people or change roles. Ask one of them if someone needs access.</Alert>
      )}
      <MembersCard members={members} currentUserId={currentUserId} viewerRole={role} clinicName={clinicName} />
      {manager && <InvitationsCard invitations={invitations} />}
    </div>
  );
}
