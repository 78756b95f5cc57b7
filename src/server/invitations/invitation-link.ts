import { getConfig } from "@/server/config";

/** Invitations are valid for 7 days and used once. */
export const INVITATION_DAYS = 7;

export function invitationLink(token: string): string {
  return `${getConfig().publicBaseUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "pending";
}
