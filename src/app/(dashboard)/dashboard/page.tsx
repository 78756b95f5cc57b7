import { ArrowRight, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SetupChecklist } from "@/components/dashboard/setup-checklist";
import { TimeZoneCheck } from "@/components/dashboard/time-zone-check";
import { TestCallCard } from "@/components/demo/test-call-card";
import { CallsChartCard } from "@/components/overview/calls-chart-card";
import { OverviewStats } from "@/components/overview/overview-stats";
import { RecentCallsCard } from "@/components/overview/recent-calls-card";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canManage, roleLabelKeys } from "@/lib/api-types";
import { loadOverview } from "@/server/analytics/load-overview";
import { requireDashboardSession } from "@/server/auth/page-session";
import { getConfig } from "@/server/config";
import { getOrganisation } from "@/server/organisations/get-organisation";
import { loadSetupSteps } from "./setup-progress";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.overview") };
}

export default async function OverviewPage() {
  const { organisation, actor } = await requireDashboardSession("/dashboard");
  const steps = await loadSetupSteps(actor);
  const askTimeZone = canManage(organisation.role) && !(await getOrganisation(actor)).timezone_confirmed;
  const overview = await loadOverview(actor);
  const t = await getTranslations();
  const allDone = steps.every((step) => step.status === "done");
  // A call is answered once the clinic has a number and something to say (see handle-incoming-call).
  const answeringCalls = steps.every((step) => !["phone-number", "intents"].includes(step.key) || step.status === "done");
  return (
    <>
      <PageHeader
        title={organisation.name}
        description={allDone ? t("overview.allDone") : answeringCalls ? t("overview.answering") : t("overview.notAnswering")}
      />
      <OverviewStats stats={overview.stats} />
      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {askTimeZone && <TimeZoneCheck timeZone={organisation.timezone} />}
          {!allDone && <SetupChecklist steps={steps} canEdit={canManage(organisation.role)} />}
          <CallsChartCard series={overview.lastTwoWeeks} />
        </div>
        <div className="min-w-0 space-y-6">
          {getConfig().demo && <TestCallCard />}
          <RecentCallsCard calls={overview.stats.recent_calls} timeZone={organisation.timezone} />
          <Card>
            <CardHeader title={t("overview.yourTeam")} />
            <CardContent className="space-y-4 pt-3">
              <p className="flex items-center justify-between text-sm text-slate-600">
                {t("overview.yourRole")}
                <Badge tone="brand">{t(roleLabelKeys[organisation.role])}</Badge>
              </p>
              <Link
                href="/dashboard/team"
                className="group flex items-center gap-3 rounded-lg border border-slate-200 px-3 py-2.5 text-sm font-medium text-slate-700 transition-colors hover:border-slate-300 hover:bg-slate-50"
              >
                <Users className="size-4 text-slate-500" aria-hidden="true" />
                {canManage(organisation.role) ? t("overview.invite") : t("overview.seeTeam")}
                <ArrowRight className="ml-auto size-4 text-slate-500 transition-transform group-hover:translate-x-0.5" aria-hidden="true" />
              </Link>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
