import type { Metadata } from "next";
import { TeamManager } from "@/components/team/team-manager";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Team · Clinicall" };

export default async function TeamPage() {
  const { user, organisation } = await requireDashboardSession("/dashboard/team");
  return (
    <>
      <PageHeader title="Team" description={`The people who can sign in to ${organisation.name}, and what each of them can do.`} />
      <TeamManager currentUserId={user.id} role={organisation.role} clinicName={organisation.name} />
    </>
  );
}
