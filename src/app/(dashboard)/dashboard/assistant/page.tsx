import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { AssistantSettingsForm } from "@/components/assistant/assistant-settings-form";
import { VoiceAgentPicker } from "@/components/assistant/voice-agent-picker";
import { ReadOnlyNotice } from "@/components/clinic-setup/read-only-notice";
import { PageHeader } from "@/components/ui/page-header";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";
import { asUser } from "@/server/db/access";
import { organisations } from "@/server/db/schema";

export const metadata: Metadata = { title: "Assistant · Clinicall" };

export default async function AssistantPage() {
  const { user, organisation } = await requireDashboardSession("/dashboard/assistant");
  const [row] = await asUser({ userId: user.id, organisationId: organisation.id }, (tx) =>
    tx.select({ voice: organisations.selectedVoiceAgentId }).from(organisations).where(eq(organisations.id, organisation.id)),
  );
  const canEdit = canManage(organisation.role);
  return (
    <>
      <PageHeader title="Assistant" description="How your receptionist sounds, greets callers and handles transfers, after-hours calls and emergencies." />
      <div className="space-y-6">
        {!canEdit && <ReadOnlyNotice clinicName={organisation.name} what="how the receptionist is set up" />}
        <VoiceAgentPicker canEdit={canEdit} selectedId={row?.voice ?? null} />
        <AssistantSettingsForm canEdit={canEdit} />
      </div>
    </>
  );
}
