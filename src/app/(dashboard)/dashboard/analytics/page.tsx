import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Analytics · Clinicall" };

export default async function AnalyticsPage() {
  await requireDashboardSession("/dashboard/analytics");
  return (
    <UpcomingArea
      title="Analytics"
      description="How many patients call, what they ask, and how many calls become appointments."
      icon={BarChart3}
      emptyTitle="Nothing to measure yet"
      emptyDescription="Charts are drawn from your clinic's real calls, so they appear after the first calls come in."
      willShow={[
        "Call volume by day and by hour, to see your busiest times",
        "The questions patients ask most often",
        "How many calls end in a booked appointment, and how many needed a person",
      ]}
      firstStep={{ text: "Set up your receptionist from the Overview checklist; analytics follow the first calls.", href: "/dashboard", label: "Go to Overview" }}
    />
  );
}
