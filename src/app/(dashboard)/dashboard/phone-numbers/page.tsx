import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PhoneNumbersManager } from "@/components/phone-numbers/phone-numbers-manager";
import { PageHeader } from "@/components/ui/page-header";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.phoneNumbers") };
}

export default async function PhoneNumbersPage() {
  const { organisation } = await requireDashboardSession("/dashboard/phone-numbers");
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("phoneNumbers.title")} description={t("phoneNumbers.description")} />
      <PhoneNumbersManager canEdit={canManage(organisation.role)} clinicName={organisation.name} />
    </>
  );
}
