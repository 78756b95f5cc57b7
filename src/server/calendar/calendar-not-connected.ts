/** The clinic has no usable Google Calendar connection (never connected, disconnected, or Google refused its token). */
export class CalendarNotConnectedError extends Error {
  constructor(message = "Google Calendar is not connected for this clinic.") {
    super(message);
    this.name = "CalendarNotConnectedError";
  }
}
