import type { Metadata } from "next";
import { PhoneNumbersManager } from "@/components/phone-numbers/phone-numbers-manager";
import { PageHeader } from "@/components/ui/page-header";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Phone numbers · Clinicall" };

export default async function PhoneNumbersPage() {
  const { organisation } = await requireDashboardSession("/dashboard/phone-numbers");
  return (
    <>
      <PageHeader title="Phone numbers" description="The numbers patients call. Your receptionist answers every active one." />
      <PhoneNumbersManager canEdit={canManage(organisation.role)} clinicName={organisation.name} />
    </>
  );
}
