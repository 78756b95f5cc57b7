import { PhoneCall } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Calls · Clinicall" };

export default async function CallsPage() {
  await requireDashboardSession("/dashboard/calls");
  return (
    <UpcomingArea
      title="Calls"
      description="Every call your receptionist answers, with what was said and what happened."
      icon={PhoneCall}
      emptyTitle="No calls yet"
      emptyDescription="Your receptionist answers calls once a phone number is connected. Each call will then be listed here as it happens."
      willShow={[
        "Who called, when, and how long the call lasted",
        "A short summary, the full transcript and the recording",
        "Whether an appointment was booked or the caller asked for a person",
      ]}
      firstStep={{ text: "Connect the phone number patients call.", href: "/dashboard/phone-numbers", label: "Phone numbers" }}
    />
  );
}
