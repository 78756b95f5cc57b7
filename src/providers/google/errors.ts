/**
 * Every failure of a call to Google, reduced to what the caller has to decide:
 *
 * - `invalid_grant`: the refresh token (or authorization code) is revoked, expired or already
 *   used. Mark the connection disconnected and ask an admin to reconnect; do not retry.
 * - `unauthorized`: the Calendar API refused the access token (HTTP 401). Refresh it once and retry.
 * - `rate_limited`: HTTP 429, or 403 with a usage-limit reason. Retry later with backoff.
 * - `unavailable`: 5xx, 408, a timeout or a network failure. Retry later (outbox), the request
 *   may or may not have taken effect.
 * - `invalid_request`: any other 4xx (bad input, missing scope, unknown calendar, bad client
 *   credentials). Retrying the same request will fail again.
 * - `invalid_response`: Google answered 2xx with something we cannot use (no access token, an id
 *   token for another client). Treat like `invalid_request`.
 *
 * A GoogleError never carries the underlying HTTP error: that one holds the request config with
 * the Authorization header, client secret and tokens, and must not reach a log.
 */
export type GoogleErrorKind = "invalid_grant" | "unauthorized" | "rate_limited" | "unavailable" | "invalid_request" | "invalid_response";

export interface GoogleErrorDetails {
  /** HTTP status, when Google answered. */
  status?: number;
  /** Google's reason (`errors[0].reason`, e.g. `notFound`) or OAuth error code (e.g. `invalid_client`). */
  reason?: string;
  /** What we were doing, e.g. `oauth.refresh`, `calendar.freeBusy`. */
  operation?: string;
}

export class GoogleError extends Error {
  readonly kind: GoogleErrorKind;
  readonly status: number | undefined;
  readonly reason: string | undefined;
  readonly operation: string | undefined;

  constructor(kind: GoogleErrorKind, message: string, details: GoogleErrorDetails = {}) {
    super(message);
    this.name = "GoogleError";
    this.kind = kind;
    this.status = details.status;
    this.reason = details.reason;
    this.operation = details.operation;
  }

  /** True for the kinds worth retrying later with the same request. */
  get retryable(): boolean {
    return this.kind === "unavailable" || this.kind === "rate_limited";
  }
}

const USAGE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

/** The kind for a reason Google reports inside a 200 (freeBusy's per-calendar `errors`). */
export function kindOfReason(reason: string): GoogleErrorKind {
  if (USAGE_LIMIT_REASONS.has(reason)) return "rate_limited";
  if (reason === "backendError" || reason === "internalError") return "unavailable";
  return "invalid_request";
}

/** The parts of a gaxios error (any gaxios version) that we read; everything else is ignored. */
interface HttpErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  response?: { status?: unknown; data?: unknown };
}

/**
 * Maps whatever a google-auth-library or googleapis call threw to a GoogleError. Works on
 * gaxios errors by shape, because the two libraries bring different gaxios copies.
 */
export function toGoogleError(error: unknown, operation: string): GoogleError {
  if (error instanceof GoogleError) return error;
  const candidate = (typeof error === "object" && error !== null ? error : {}) as HttpErrorLike;
  const status = typeof candidate.response?.status === "number" ? candidate.response.status : undefined;
  if (status === undefined) return networkFailure(candidate, operation);

  const { reason, message } = readErrorBody(candidate.response?.data);
  const details = { status, reason, operation };
  const text = `Google ${operation} failed with HTTP ${status}${reason ? ` (${reason})` : ""}${message ? `: ${message}` : ""}`;

  if (reason === "invalid_grant") return new GoogleError("invalid_grant", text, details);
  if (status === 429 || (status === 403 && reason !== undefined && USAGE_LIMIT_REASONS.has(reason))) {
    return new GoogleError("rate_limited", text, details);
  }
  if (status === 408 || status >= 500) return new GoogleError("unavailable", text, details);
  if (status === 401 && operation.startsWith("calendar.")) return new GoogleError("unauthorized", text, details);
  return new GoogleError("invalid_request", text, details);
}

function networkFailure(candidate: HttpErrorLike, operation: string): GoogleError {
  // gaxios reports its timeout as an abort; node-fetch's AbortError sits in `cause`.
  const layers = [candidate, candidate.cause].filter((layer): layer is HttpErrorLike => typeof layer === "object" && layer !== null);
  const names = layers.flatMap((layer) => [layer.name, layer.code]).filter((v): v is string => typeof v === "string");
  const timedOut = names.some((name) => TIMEOUT_NAMES.has(name));
  const code = names.find((name) => name !== "Error" && name !== "GaxiosError");
  const what = timedOut ? "timed out" : `could not reach Google${code ? ` (${code})` : ""}`;
  return new GoogleError("unavailable", `Google ${operation} ${what}`, { operation, reason: timedOut ? "timeout" : code });
}

/** We never abort requests ourselves, so an abort is the per-request timeout firing. */
const TIMEOUT_NAMES = new Set(["TimeoutError", "AbortError", "ETIMEDOUT", "ESOCKETTIMEDOUT"]);

/**
 * Reads both of Google's error bodies: OAuth's `{error, error_description}` and the API
 * envelope `{error: {code, message, errors: [{domain, reason, message}], status}}`.
 */
function readErrorBody(data: unknown): { reason?: string; message?: string } {
  const body = typeof data === "string" ? safeJsonParse(data) : data;
  if (typeof body !== "object" || body === null || !("error" in body)) return {};
  const error = (body as { error: unknown }).error;
  if (typeof error === "string") {
    const description = (body as { error_description?: unknown }).error_description;
    return { reason: error, message: typeof description === "string" ? description : undefined };
  }
  if (typeof error === "object" && error !== null) {
    const envelope = error as { message?: unknown; errors?: unknown; status?: unknown };
    const first = Array.isArray(envelope.errors) ? (envelope.errors[0] as { reason?: unknown } | undefined) : undefined;
    const reason = typeof first?.reason === "string" ? first.reason : typeof envelope.status === "string" ? envelope.status : undefined;
    return { reason, message: typeof envelope.message === "string" ? envelope.message : undefined };
  }
  return {};
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
