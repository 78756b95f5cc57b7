import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { WorkingHoursEditor } from "@/components/working-hours/working-hours-editor";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Working hours · Clinicall" };

export default async function WorkingHoursPage() {
  const { organisation } = await requireDashboardSession("/dashboard/working-hours");
  return (
    <>
      <PageHeader
        title="Working hours"
        description="When the clinic is open, including holidays. The receptionist tells callers and only offers appointments inside these hours."
      />
      <WorkingHoursEditor canEdit={canManage(organisation.role)} clinicName={organisation.name} />
    </>
  );
}
