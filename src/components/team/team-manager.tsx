"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations();
  const members = useApiResource<Member[]>("/api/organisation/members");
  const invitations = useApiResource<Invitation[]>(manager ? "/api/organisation/invitations" : null);

  return (
    <div className="space-y-6">
      {manager ? (
        <InviteForm inviterRole={role} clinicName={clinicName} onInvited={() => void invitations.reload()} />
      ) : (
        <Alert variant="info">{t("team.viewerNote")}</Alert>
      )}
      <MembersCard members={members} currentUserId={currentUserId} viewerRole={role} clinicName={clinicName} />
      {manager && <InvitationsCard invitations={invitations} />}
    </div>
  );
}
