import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BillingPanel } from "@/components/billing/billing-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Billing · Clinicall" };

export default async function BillingPage() {
  const session = await requireDashboardSession("/dashboard/billing");
  const t = await getTranslations();
  return (
    <div>
      <PageHeader title={t("billing.title")} description={t("billing.description")} />
      <BillingPanel isOwner={session.organisation.role === "owner"} today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}
