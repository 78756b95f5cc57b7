import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountSections } from "@/components/account/account-sections";
import type { AccountOverview } from "@/components/account/account-types";
import { PageHeader } from "@/components/ui/page-header";
import { accountOverview } from "@/server/account-safety/account-overview";
import { requireDashboardSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.account") };
}

/** The signed-in person's own account: profile, address, password, two-factor, sessions, emails. */
export default async function AccountPage() {
  const current = await requireDashboardSession("/dashboard/account");
  const t = await getTranslations();
  // The same JSON GET /api/account answers (dates as ISO strings), so the cards read one shape.
  const initial = JSON.parse(JSON.stringify(await accountOverview(current))) as AccountOverview;
  return (
    <>
      <PageHeader title={t("account.title")} description={t("account.description", { email: current.user.email })} />
      <AccountSections initial={initial} />
    </>
  );
}
