import type { Metadata } from "next";
import { IntentsManager } from "@/components/intents/intents-manager";
import { PageHeader } from "@/components/ui/page-header";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Intents · Clinicall" };

export default async function IntentsPage() {
  const { organisation } = await requireDashboardSession("/dashboard/intents");
  return (
    <>
      <PageHeader
        title="Intents"
        description="The questions patients ask, and how your receptionist answers each one in English and Russian."
      />
      <IntentsManager canEdit={canManage(organisation.role)} clinicName={organisation.name} />
    </>
  );
}
