import type { Metadata } from "next";
import { CalendarManager } from "@/components/calendar/calendar-manager";
import { PageHeader } from "@/components/ui/page-header";
import { type SearchParams, single } from "@/lib/search-params";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Calendar · Clinicall" };

export default async function CalendarPage({ searchParams }: { searchParams: SearchParams }) {
  const { organisation } = await requireDashboardSession("/dashboard/calendar");
  const params = await searchParams;
  return (
    <>
      <PageHeader
        title="Calendar"
        description={`Appointments the receptionist books for ${organisation.name}, kept in step with Google Calendar.`}
      />
      <CalendarManager
        canManage={organisation.role !== "member"}
        outcome={{ connected: single(params.connected) === "1", error: single(params.error) }}
      />
    </>
  );
}
