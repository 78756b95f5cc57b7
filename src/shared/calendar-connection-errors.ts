/**
 * Why connecting Google Calendar did not work: the OAuth callback redirects to the Calendar page
 * with one of these as `?error=`, and the page shows its message (calendar.connectionError.* in
 * the catalogues). Shared: the server produces the codes, the browser reads them.
 */
const CONNECTION_ERRORS = [
  "consent_denied",
  "invalid_state",
  "already_used",
  "expired",
  "wrong_account",
  "forbidden",
  "missing_scopes",
  "exchange_failed",
  "google_unavailable",
  "not_configured",
  "signed_out",
] as const;

export type ConnectionError = (typeof CONNECTION_ERRORS)[number];

export function isConnectionError(value: string): value is ConnectionError {
  return (CONNECTION_ERRORS as readonly string[]).includes(value);
}
