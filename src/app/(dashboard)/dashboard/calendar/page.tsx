import { CalendarDays } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Calendar · Clinicall" };

export default async function CalendarPage() {
  await requireDashboardSession("/dashboard/calendar");
  return (
    <UpcomingArea
      title="Calendar"
      description="Appointments your receptionist books, kept in step with Google Calendar."
      icon={CalendarDays}
      emptyTitle="Google Calendar isn't connected"
      emptyDescription="With a calendar connected, the receptionist sees free slots and books appointments for callers, straight into it."
      willShow={[
        "A button to connect the clinic's Google Calendar",
        "Upcoming appointments booked by phone, with the caller's name and number",
        "Which calendar bookings go into, and a way to disconnect",
      ]}
      firstStep={{ text: "Choose the Google account and calendar the clinic books appointments in today." }}
    />
  );
}
