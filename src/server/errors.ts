import type { ErrorCode, ErrorDetails } from "@/shared/error-codes";

export type { ErrorCode, ErrorDetails, FieldError } from "@/shared/error-codes";

/**
 * What domain code throws when an operation cannot be done: a code from the closed vocabulary
 * (src/shared/error-codes.ts), a sentence a person can act on, and optional details. Domain code
 * knows nothing of HTTP; src/server/http/error-response.ts is the one place that turns a
 * DomainError into a status and the JSON envelope. Outcomes that are expected answers rather
 * than failures (a slot just taken, for the assistant) are return values, not errors.
 *
 * Callers that must tell one failure from another (the assistant's tools) use a subclass and
 * `instanceof`, e.g. CalendarNotConnectedError, never the message or `details.reason`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
