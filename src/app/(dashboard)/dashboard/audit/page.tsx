import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditExplorer } from "@/components/audit/audit-explorer";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.audit") };
}

/** Who did or read what in the clinic (decision 021): owners only. */
export default async function AuditPage() {
  const { organisation } = await requireDashboardSession("/dashboard/audit");
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("audit.title")} description={t("audit.description")} />
      {organisation.role === "owner" ? (
        <AuditExplorer />
      ) : (
        <EmptyState icon={ShieldCheck} title={t("audit.ownersOnly.title")} description={t("audit.ownersOnly.description")} />
      )}
    </>
  );
}
