import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { WorkingHoursEditor } from "@/components/working-hours/working-hours-editor";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.workingHours") };
}

export default async function WorkingHoursPage() {
  const { organisation } = await requireDashboardSession("/dashboard/working-hours");
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("hours.title")} description={t("hours.description")} />
      <WorkingHoursEditor canEdit={canManage(organisation.role)} clinicName={organisation.name} />
    </>
  );
}
