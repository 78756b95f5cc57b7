import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CallsExplorer } from "@/components/calls/calls-explorer";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";
import { getPrivacyStatus } from "@/server/privacy/privacy-status";
import { getRetention } from "@/server/privacy/retention-settings";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.calls") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CallsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireDashboardSession("/dashboard/calls");
  const privacy = await getPrivacyStatus(session.actor);
  const { call } = await searchParams;
  const initialCallId = typeof call === "string" && UUID.test(call) ? call : null;
  const t = await getTranslations();
  const { recordings_days: days } = await getRetention(session.actor);
  const retention = days ? t("calls.retention.policy", { days }) : t("calls.retention.policyForever");
  return (
    <>
      <PageHeader title={t("calls.title")} description={`${t("calls.description")} ${retention}`} />
      {privacy.complianceMode === "hipaa" && (
        <Alert variant="info" title={t("privacy.calls.hipaaTitle")} className="mb-6">
          {t("privacy.calls.hipaaBody")}
        </Alert>
      )}
      <CallsExplorer initialCallId={initialCallId} />
    </>
  );
}
