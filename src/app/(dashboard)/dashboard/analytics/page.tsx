import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AnalyticsDashboard } from "@/components/analytics/analytics-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { clinicToday } from "@/server/analytics/clinic-today";
import { requireDashboardSession } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.analytics") };
}

export default async function AnalyticsPage() {
  const { actor } = await requireDashboardSession("/dashboard/analytics");
  const { today, timeZone } = await clinicToday(actor);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("analytics.title")} description={t("analytics.description")} />
      <AnalyticsDashboard today={today} timeZone={timeZone} />
    </>
  );
}
