import { Clock } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Working hours · Clinicall" };

export default async function WorkingHoursPage() {
  await requireDashboardSession("/dashboard/working-hours");
  return (
    <UpcomingArea
      title="Working hours"
      description="When the clinic is open, so the receptionist only offers times you can see patients."
      icon={Clock}
      emptyTitle="Using the default hours"
      emptyDescription="Every clinic starts with Monday to Friday, 09:00–17:00, closed at weekends. Editing them will happen on this page."
      willShow={[
        "Opening and closing times for each day of the week",
        "Days the clinic is closed",
        "What the receptionist tells callers outside these hours",
      ]}
      firstStep={{ text: "Compare your real opening times with Monday to Friday, 09:00–17:00, including lunch breaks and late evenings." }}
    />
  );
}
