import type { Appointment } from "@/server/db/schema";
import { formatZonedIso } from "@/server/working-hours/zoned-time";

export interface AppointmentCall {
  id: string;
  from_number: string | null;
  started_at: string | null;
}

/** An appointment in the API's shape: snake_case, times in the clinic's zone with their offset. */
/** Who made the appointment's last change (a member of the clinic; null for the phone and texts). */
export interface AppointmentChanger {
  id: string;
  /** Their address while they are a member; null once they left. */
  email: string | null;
}

export function appointmentJson(
  row: Appointment,
  timeZone: string,
  call: AppointmentCall | null = null,
  changedBy: AppointmentChanger | null = row.changedBy ? { id: row.changedBy, email: null } : null,
) {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    id: row.id,
    summary: row.summary,
    description: row.description,
    start: formatZonedIso(row.startAt, timeZone),
    end: formatZonedIso(row.endAt, timeZone),
    timezone: timeZone,
    customer_name: row.customerName,
    customer_phone: row.customerPhone,
    status: row.status,
    call_id: row.callId,
    call,
    calendar_id: row.calendarId,
    calendar_event_id: row.calendarEventId,
    sync: {
      status: row.syncStatus,
      attempts: row.syncAttempts,
      last_error: row.syncLastError,
      next_attempt_at: row.syncStatus === "pending" ? iso(row.syncNextAttemptAt) : null,
      synced_at: iso(row.syncedAt),
    },
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    patient_id: row.patientId,
    /** Where it was booked, and where and by whom it was last changed (moved or cancelled). */
    created_via: row.createdVia,
    changed_via: row.changedVia,
    changed_at: iso(row.changedAt),
    changed_by: changedBy,
    patient_confirmed_at: iso(row.patientConfirmedAt),
    no_show_at: iso(row.noShowAt),
  };
}

export type AppointmentJson = ReturnType<typeof appointmentJson>;
