/** GET /api/account: what the Account page shows of the signed-in person (docs/api.md). */
export interface AccountOverview {
  email: string;
  full_name: string | null;
  email_verified: boolean;
  verification_sent_at: string | null;
  /** A new address waiting for its confirmation link to be followed. */
  pending_email: string | null;
  email_enabled: boolean;
  two_factor_enabled: boolean;
  two_factor_required_by: string[];
  recovery_codes_left: number;
  /** Every kind the API knows (src/server/account-safety/notification-kinds.ts), on or off. */
  email_notifications: Record<string, boolean>;
}

/**
 * The kinds of email the page can name, in the order it lists them. It shows those the API
 * answers; a test keeps every kind the API knows in this list.
 */
export const notificationKinds = ["messages", "voicemails", "missed_transfers", "daily_digest", "calls", "billing"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** GET /api/account/sessions. */
export interface AccountSession {
  id: string;
  device: string | null;
  browser: string | null;
  os: string | null;
  user_agent: string | null;
  ip_address: string | null;
  created_at: string;
  last_seen_at: string;
  current: boolean;
}

export const ACCOUNT_API_PATH = "/api/account";
export const SESSIONS_PATH = "/api/account/sessions";
