import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamManager } from "@/components/team/team-manager";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.team") };
}

export default async function TeamPage() {
  const { user, organisation } = await requireDashboardSession("/dashboard/team");
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("team.title")} description={t("team.description", { clinic: organisation.name })} />
      <TeamManager currentUserId={user.id} role={organisation.role} clinicName={organisation.name} />
    </>
  );
}
