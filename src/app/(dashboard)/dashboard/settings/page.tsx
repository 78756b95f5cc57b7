import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSelect } from "@/components/account/language-select";
import { ClinicNameForm } from "@/components/settings/clinic-name-form";
import { ClinicTwoFactorCard } from "@/components/settings/clinic-two-factor-card";
import { PrivacySection } from "@/components/settings/privacy-section";
import { RetentionForm } from "@/components/settings/retention-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { canManage, roleDescriptionKeys, roleLabelKeys } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";
import { getRetention } from "@/server/privacy/retention-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.settings") };
}

export default async function SettingsPage() {
  const { user, organisation, actor } = await requireDashboardSession("/dashboard/settings");
  const retention = await getRetention(actor);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.description")} />
      <div className="space-y-6">
        <ClinicNameForm name={organisation.name} canEdit={canManage(organisation.role)} />
        <RetentionForm retention={retention} canEdit={organisation.role === "owner"} />
        {organisation.role === "owner" && (
          <ClinicTwoFactorCard required={organisation.requireTwoFactor} ownerHasTwoFactor={user.twoFactorEnabled} />
        )}
        <Card>
          <CardHeader title={t("settings.you")} description={t("settings.youDescription")} />
          <CardContent>
            <dl className="divide-y divide-slate-100 text-sm">
              <Detail term={t("settings.email")}>{user.email}</Detail>
              <Detail term={t("settings.yourRole")}>
                <span className="flex flex-col items-end gap-1 sm:flex-row sm:items-center sm:gap-3">
                  <span className="text-slate-500">{t(roleDescriptionKeys[organisation.role])}</span>
                  <Badge tone="brand">{t(roleLabelKeys[organisation.role])}</Badge>
                </span>
              </Detail>
              <Detail term={t("settings.clinicId")}>
                <span className="flex items-center gap-2">
                  <code className="font-mono text-xs text-slate-600">{organisation.id}</code>
                  <CopyButton value={organisation.id} variant="ghost" />
                </span>
              </Detail>
              <Detail term={t("language.label")}>
                <LanguageSelect />
              </Detail>
            </dl>
          </CardContent>
        </Card>
        {organisation.role === "owner" && <PrivacySection clinicName={organisation.name} />}
      </div>
    </>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4 py-3 first:pt-0 last:pb-0">
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 text-right font-medium text-slate-900">{children}</dd>
    </div>
  );
}
