import type { Metadata } from "next";
import { AnalyticsDashboard } from "@/components/analytics/analytics-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { clinicToday } from "@/server/analytics/clinic-today";
import { requireDashboardSession } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analytics · Clinicall" };

export default async function AnalyticsPage() {
  const { actor } = await requireDashboardSession("/dashboard/analytics");
  const { today, timeZone } = await clinicToday(actor);
  return (
    <>
      <PageHeader title="Analytics" description="How many patients call, when, what becomes of their calls and how many book." />
      <AnalyticsDashboard today={today} timeZone={timeZone} />
    </>
  );
}
