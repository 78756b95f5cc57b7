import type { Appointment } from "@/server/db/schema";
import { formatZonedIso } from "@/server/working-hours/zoned-time";

export interface AppointmentCall {
  id: string;
  from_number: string | null;
  started_at: string | null;
}

/** An appointment in the API's shape: snake_case, times in the clinic's zone with their offset. */
export function appointmentJson(row: Appointment, timeZone: string, call: AppointmentCall | null = null) {
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
  };
}

export type AppointmentJson = ReturnType<typeof appointmentJson>;
