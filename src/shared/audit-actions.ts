/**
 * The closed list of what the audit log records (decision 021). The database checks the same list
 * (supabase/migrations/20261209003500_audit_provider_deletions.sql, the latest to list them); a new
 * action needs a migration too.
 * Shared: the Audit page filters and names them.
 */
export const auditActions = [
  "settings.clinic_changed",
  "settings.assistant_changed",
  "settings.routing_changed",
  "settings.messaging_changed",
  "settings.booking_changed",
  "settings.two_factor_changed",
  "intent.created",
  "intent.updated",
  "intent.deleted",
  "phone_number.added",
  "phone_number.updated",
  "phone_number.removed",
  "hours.changed",
  "member.removed",
  "member.left",
  "member.role_changed",
  "invitation.created",
  "invitation.resent",
  "invitation.revoked",
  "invitation.accepted",
  "billing.checkout_started",
  "billing.portal_opened",
  "billing.synced",
  "calendar.connected",
  "calendar.disconnected",
  "retention.changed",
  "redaction.changed",
  "consent.changed",
  "compliance.changed",
  "patient.updated",
  "patient.erased",
  "call.transcript_viewed",
  "call.recording_played",
  "call.recording_downloaded",
  "calls.exported",
  "audit.exported",
  "data_export.requested",
  "data_export.downloaded",
  "organisation.erasure_requested",
  "organisation.erasure_cancelled",
  "provider_deletion.requested",
  "provider_deletion.confirmed",
  "provider_deletion.failed",
] as const;

export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}
