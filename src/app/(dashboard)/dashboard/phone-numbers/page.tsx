import { Phone } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Phone numbers · Clinicall" };

export default async function PhoneNumbersPage() {
  await requireDashboardSession("/dashboard/phone-numbers");
  return (
    <UpcomingArea
      title="Phone numbers"
      description="The numbers patients call to reach your receptionist."
      icon={Phone}
      emptyTitle="No phone numbers yet"
      emptyDescription="Calls to a number connected here are answered by your receptionist. Until then, no calls reach Clinicall."
      willShow={[
        "Each connected number with a label, such as “Main line” or “Bookings”",
        "Whether the receptionist is answering it right now",
        "A way to pause a number without removing it",
      ]}
      firstStep={{ text: "Decide which number patients should reach the receptionist on: your main line, or a new number you forward to." }}
    />
  );
}
