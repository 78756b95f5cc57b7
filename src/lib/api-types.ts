/** Shapes of the API's JSON responses that pages use (snake_case, as sent). */

import type { MessageKey } from "@/i18n/keys";

export type Role = "owner" | "admin" | "member";

/** Catalogue keys of each role's name and description: `t(roleLabelKeys[role])`. */
export const roleLabelKeys = {
  owner: "common.roles.owner",
  admin: "common.roles.admin",
  member: "common.roles.member",
} as const satisfies Record<Role, MessageKey>;

export const roleDescriptionKeys = {
  owner: "common.roleDescriptions.owner",
  admin: "common.roleDescriptions.admin",
  member: "common.roleDescriptions.member",
} as const satisfies Record<Role, MessageKey>;

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

export function canManage(role: Role): boolean {
  return role === "owner" || role === "admin";
}
