import type { Appointment } from "@/server/db/schema";

/** What happened to an appointment, inside the transaction that changed it. */
export interface AppointmentChange {
  kind: "booked" | "moved" | "cancelled";
  appointment: Appointment;
  now: Date;
  /** Whose transaction it is: a signed-in person's (RLS) or the service path's. */
  scope: "user" | "service";
}
