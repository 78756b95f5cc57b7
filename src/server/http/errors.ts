/**
 * The one error type of the API, with a closed set of codes. Each code maps to one HTTP status.
 * Expected outcomes that are not errors (a slot just taken) are return values, not AppErrors.
 */
export const errorStatus = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  invalid_input: 422,
  rate_limited: 429,
  provider_unavailable: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** The Postgres error under a Drizzle "Failed query" wrapper, if any. */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string; hint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return current as { code?: string; constraint?: string; hint?: string };
    }
    current = candidate.cause;
  }
  return undefined;
}
