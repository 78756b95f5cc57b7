import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AssistantSettingsForm } from "@/components/assistant/assistant-settings-form";
import { CallRoutingCard } from "@/components/assistant/call-routing-card";
import { StaffNotificationsCard } from "@/components/assistant/staff-notifications-card";
import { TextMessagesCard } from "@/components/assistant/text-messages-card";
import { VoiceAgentPicker } from "@/components/assistant/voice-agent-picker";
import { ReadOnlyNotice } from "@/components/clinic-setup/read-only-notice";
import { PageHeader } from "@/components/ui/page-header";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";
import { getOrganisation } from "@/server/organisations/get-organisation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.assistant") };
}

export default async function AssistantPage() {
  const { organisation, actor } = await requireDashboardSession("/dashboard/assistant");
  const clinic = await getOrganisation(actor);
  const canEdit = canManage(organisation.role);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("assistant.title")} description={t("assistant.description")} />
      <div className="space-y-6">
        {!canEdit && <ReadOnlyNotice clinicName={organisation.name} what={t("assistant.readOnlyWhat")} />}
        <VoiceAgentPicker canEdit={canEdit} selectedId={clinic.selected_voice_agent_id} />
        <AssistantSettingsForm canEdit={canEdit} />
        <CallRoutingCard canEdit={canEdit} />
        <StaffNotificationsCard canEdit={canEdit} />
        <TextMessagesCard canEdit={canEdit} clinicName={organisation.name} />
      </div>
    </>
  );
}
