import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IntentsManager } from "@/components/intents/intents-manager";
import { PageHeader } from "@/components/ui/page-header";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.intents") };
}

export default async function IntentsPage() {
  const { organisation } = await requireDashboardSession("/dashboard/intents");
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("intents.title")} description={t("intents.description")} />
      <IntentsManager canEdit={canManage(organisation.role)} clinicName={organisation.name} />
    </>
  );
}
