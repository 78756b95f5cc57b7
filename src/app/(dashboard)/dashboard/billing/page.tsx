import { CreditCard } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Billing · Clinicall" };

export default async function BillingPage() {
  await requireDashboardSession("/dashboard/billing");
  return (
    <UpcomingArea
      title="Billing"
      description="Your clinic's plan, usage and invoices. Owners manage billing."
      icon={CreditCard}
      emptyTitle="No subscription yet"
      emptyDescription="This clinic has no plan yet. When billing is available, owners will choose a plan and add a payment method here."
      willShow={[
        "Your plan and the minutes of calls it includes",
        "Usage so far this month",
        "Invoices to download, and the payment method on file",
      ]}
      firstStep={{
        text: "Finish setting up the receptionist; billing comes into play once it takes calls.",
        href: "/dashboard",
        label: "Go to Overview",
      }}
    />
  );
}
