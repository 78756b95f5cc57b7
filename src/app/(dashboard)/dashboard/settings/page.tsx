import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ClinicNameForm } from "@/components/settings/clinic-name-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { canManage, roleDescriptions, roleLabels } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Settings · Clinicall" };

export default async function SettingsPage() {
  const { user, organisation } = await requireDashboardSession("/dashboard/settings");
  return (
    <>
      <PageHeader title="Settings" description="Your clinic's details and your place in it." />
      <div className="space-y-6">
        <ClinicNameForm name={organisation.name} canEdit={canManage(organisation.role)} />
        <Card>
          <CardHeader title="You" description="The account you're signed in with." />
          <CardContent>
            <dl className="divide-y divide-slate-100 text-sm">
              <Detail term="Email">{user.email}</Detail>
              <Detail term="Your role">
                <span className="flex flex-col items-end gap-1 sm:flex-row sm:items-center sm:gap-3">
                  <span className="text-slate-500">{roleDescriptions[organisation.role]}</span>
                  <Badge tone="brand">{roleLabels[organisation.role]}</Badge>
                </span>
              </Detail>
              <Detail term="Clinic ID">
                <span className="flex items-center gap-2">
                  <code className="font-mono text-xs text-slate-600">{organisation.id}</code>
                  <CopyButton value={organisation.id} variant="ghost" label="Copy" />
                </span>
              </Detail>
            </dl>
          </CardContent>
        </Card>
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
