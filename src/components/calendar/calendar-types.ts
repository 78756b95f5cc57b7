import type { AppointmentJson } from "@/server/calendar/appointment-json";
import type { BookingSettingsJson } from "@/server/calendar/booking-settings";
import type { CalendarConnectionJson } from "@/server/calendar/get-calendar-connection";

/** The calendar API's shapes, as the Calendar page receives them. */
export type Appointment = AppointmentJson;
export type CalendarConnection = CalendarConnectionJson;
export type BookingSettings = BookingSettingsJson;

export interface Slot {
  start: string;
  end: string;
}

export interface SlotsResponse {
  date: string;
  timezone: string;
  duration_minutes: number;
  slots: Slot[];
  google: "ok" | "unavailable" | "not_connected";
}

/** "2027-03-02T10:00:00+00:00" → "10:00": the clinic's wall clock, as the API writes it. */
export function localTime(iso: string): string {
  return iso.slice(11, 16);
}
