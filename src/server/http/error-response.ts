import { randomUUID } from "node:crypto";
import type { NextResponse } from "next/server";
import { ZodError } from "zod";
import { pgErrorOf } from "@/server/db/postgres-error";
import { DomainError, type ErrorCode, type ErrorDetails } from "@/server/errors";
import { describeError, log } from "@/server/log";
import { json } from "./json";

/** The one HTTP status of each error code. */
const errorStatus: Record<ErrorCode, number> = {
  malformed_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  invalid_input: 422,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  provider_unavailable: 502,
  database_unavailable: 503,
  busy: 503,
};

/** The error envelope, `{"error":{"code","message","details"?}}`, with the code's status. */
export function jsonError(code: ErrorCode, message: string, details?: ErrorDetails): NextResponse {
  const retryAfter = details?.retry_after_seconds;
  return json(
    { error: details === undefined ? { code, message } : { code, message, details } },
    errorStatus[code],
    typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : undefined,
  );
}

/**
 * The one mapping from what a route's work threw to its answer: a DomainError as it says; a
 * ZodError as invalid_input with the fields; Postgres refusals the domain relies on (RLS 42501,
 * the last owner guard) as forbidden / conflict; anything else as internal, logged with a
 * reference the answer carries (never a stack trace).
 */
export function errorResponse(error: unknown, req: Request): NextResponse {
  const known = asDomainError(error);
  if (known) return jsonError(known.code, known.message, known.details);
  const errorId = randomUUID();
  log.error({ errorId, method: req.method, path: new URL(req.url).pathname, err: describeError(error) }, "unhandled error");
  return jsonError("internal", `Something went wrong on our side. Reference: ${errorId}`);
}

function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof ZodError) {
    const fields = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    const first = fields[0];
    const message = first ? `${first.path || "body"}: ${first.message}` : "The request is not valid.";
    return new DomainError("invalid_input", message, { fields });
  }
  const pg = pgErrorOf(error);
  if (pg?.code === "42501") return new DomainError("forbidden", "You do not have permission to do this.");
  if (pg?.hint === "last_owner") {
    return new DomainError("conflict", "A clinic must keep at least one owner. Make someone else an owner first.");
  }
  return undefined;
}
