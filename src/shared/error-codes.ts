/**
 * The closed vocabulary of Clinicall's error envelope, `{"error":{"code","message","details"?}}`.
 * Every route, webhook and health answer uses one of these codes; src/server/http/error-response.ts
 * gives each its one HTTP status. Shared by the server, which sends them, and the browser, which
 * reads them (this module imports nothing).
 */
export const errorCodes = [
  "malformed_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "gone",
  "invalid_input",
  "payload_too_large",
  "rate_limited",
  "internal",
  "provider_unavailable",
  "database_unavailable",
  "busy",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (errorCodes as readonly string[]).includes(value);
}

/** One field the request got wrong: `path` as in the JSON body ("email", "ranges.0.start"). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * What the envelope may carry beside the message: field errors, a machine-readable reason, data
 * to offer instead. `retry_after_seconds` (with rate_limited and busy) is also sent as Retry-After.
 */
export type ErrorDetails = { fields?: FieldError[]; reason?: string } & Record<string, unknown>;
