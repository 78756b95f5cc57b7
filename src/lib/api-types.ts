/** Shapes of the API's JSON responses that pages use (snake_case, as sent). */

export type Role = "owner" | "admin" | "member";

export const roleLabels: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including billing, roles and removing people.",
  admin: "Sets up the receptionist and invites people.",
  member: "Sees calls, analytics and settings; can't change the setup.",
};

export interface OrganisationSummary {
  id: string;
  name: string;
  role: Role;
  /** The clinic's IANA time zone: every time its staff read is shown in it. */
  timezone: string;
}

export interface Member {
  user_id: string;
  email: string;
  role: Role;
  joined_at: string;
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  created_at: string;
  expires_at: string;
  accepted_at?: string | null;
  /** Only in the response that created the invitation; never listed again. */
  accept_url?: string;
}

export interface InvitationPreview {
  organisation_name: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  expires_at: string;
}

export interface Organisation {
  id: string;
  name: string;
  selected_voice_agent_id: string | null;
  timezone: string;
  timezone_confirmed: boolean;
  role: Role;
  created_at: string;
  updated_at: string;
}

export function canManage(role: Role): boolean {
  return role === "owner" || role === "admin";
}
