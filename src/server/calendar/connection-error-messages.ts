import type { ConnectionError } from "./complete-calendar-connection";

/** What the Calendar page says after a failed connection attempt (the callback's `error`). */
export const connectionErrorMessages: Record<ConnectionError, string> = {
  consent_denied: "Google Calendar was not connected: access was not allowed on Google's consent screen.",
  invalid_state: "That connection link is not valid. Start again with Connect Google Calendar.",
  already_used: "That connection link was already used. Start again with Connect Google Calendar.",
  expired: "That connection link expired (they last 10 minutes). Start again with Connect Google Calendar.",
  wrong_account: "That connection was started by someone else signed in to Clinicall. Sign in as them, or start again yourself.",
  forbidden: "Only an admin or owner of the clinic can connect its calendar.",
  missing_scopes: "Google Calendar was not connected: please leave every permission ticked on Google's consent screen.",
  exchange_failed: "Google did not accept the connection. Start again with Connect Google Calendar.",
  google_unavailable: "Google could not be reached. Try connecting again in a minute.",
  not_configured: "Google Calendar is not set up on this server (GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET).",
  signed_out: "Your Clinicall session ended while you were at Google. Sign in and connect again.",
};

export function isConnectionError(value: string): value is ConnectionError {
  return value in connectionErrorMessages;
}
