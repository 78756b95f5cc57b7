import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BillingPanel } from "@/components/billing/billing-panel";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Billing · Clinicall" };

export default async function BillingPage() {
  const session = await requireDashboardSession("/dashboard/billing");
  const t = await getTranslations();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("billing.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("billing.description")}</p>
      </header>
      <BillingPanel isOwner={session.organisation.role === "owner"} today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}
