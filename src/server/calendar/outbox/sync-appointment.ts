import { eventIdFor } from "@/providers/google/calendar";
import { GoogleError } from "@/providers/google/errors";
import { withCalendarAccess } from "../calendar-access";
import { CalendarNotConnectedError } from "../calendar-not-connected";
import { describeGoogleFailure } from "../record-google-outcome";
import type { ClaimedAppointment } from "./claim-due-appointments";

/** What one attempt to bring Google in line with an appointment came to. */
export type SyncResult =
  | { kind: "created"; eventId: string }
  | { kind: "cancelled" }
  /** Worth another attempt later (Google down, slow, rate limiting). */
  | { kind: "retry"; error: string }
  /** Retrying the same request would fail the same way. */
  | { kind: "failed"; error: string }
  /** The clinic has no usable connection: the change waits for a reconnect. */
  | { kind: "paused"; error: string };

/**
 * One Google call for a claimed appointment: a live one gets its event (id derived from the
 * appointment id, so a retry after a timeout finds the first insert and never duplicates it),
 * a cancelled one has its event cancelled (an event that never got created counts as done).
 */
export async function syncAppointment(appointment: ClaimedAppointment, now: Date): Promise<SyncResult> {
  const eventId = eventIdFor(appointment.id);
  try {
    return await withCalendarAccess(appointment.organisationId, now, async (access, calendar) => {
      if (appointment.status === "cancelled") {
        await calendar.cancelEvent({ accessToken: access.accessToken, calendarId: appointment.calendarId, eventId });
        return { kind: "cancelled" } as const;
      }
      const event = {
        accessToken: access.accessToken,
        calendarId: appointment.calendarId,
        eventId,
        summary: appointment.summary,
        description: eventDescription(appointment),
        start: appointment.startAt,
        end: appointment.endAt,
        timeZone: appointment.timezone,
      };
      const inserted = await calendar.insertEvent(event);
      if (inserted.event.status === "cancelled") {
        return { kind: "failed", error: "The event was deleted in Google Calendar; Google does not let it be created again." } as const;
      }
      // The event exists already: the appointment was moved (or its details erased) since, or an
      // earlier insert got through. Patching sets the same fields again, so it is idempotent.
      if (inserted.outcome === "already_exists") await calendar.patchEvent(event);
      return { kind: "created", eventId: inserted.event.id } as const;
    });
  } catch (error) {
    if (error instanceof CalendarNotConnectedError) return { kind: "paused", error: error.message };
    if (error instanceof GoogleError) {
      return { kind: error.retryable || error.kind === "unauthorized" ? "retry" : "failed", error: describeGoogleFailure(error) };
    }
    return { kind: "retry", error: "Unexpected error while talking to Google Calendar." };
  }
}

function eventDescription(appointment: ClaimedAppointment): string {
  const lines = [
    appointment.description,
    appointment.customerName ? `Patient: ${appointment.customerName}` : null,
    appointment.customerPhone ? `Phone: ${appointment.customerPhone}` : null,
    appointment.callId ? "Booked by the Clinicall receptionist during a call." : "Booked in Clinicall.",
  ];
  return lines.filter((line): line is string => Boolean(line)).join("\n");
}
