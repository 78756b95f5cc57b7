/**
 * The notifications a member can choose to get by email (Account page). Security notices
 * (password changed, two-factor, address change) always go out and are not listed. A kind a
 * person never chose is on. A domain that sends one asks `wantsEmail(tx, userId, kind)`.
 * Staff notifications (decision 020): `messages`, `voicemails`, `missed_transfers` (one email per
 * event) and `daily_digest` (one a day at opening time).
 */
export const NOTIFICATION_KINDS = ["billing", "calls", "messages", "voicemails", "missed_transfers", "daily_digest"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
