import { DomainError } from "@/server/errors";

/**
 * The clinic has no usable Google Calendar connection (never connected, disconnected, or Google
 * refused its token). A 409 for the dashboard; the assistant's tools and the outbox tell it apart
 * with `instanceof`.
 */
export class CalendarNotConnectedError extends DomainError {
  constructor(message = "Google Calendar is not connected for this clinic.") {
    super("conflict", message, { reason: "calendar_not_connected" });
  }
}
