import type { Metadata } from "next";
import { AssistantSettingsForm } from "@/components/assistant/assistant-settings-form";
import { VoiceAgentPicker } from "@/components/assistant/voice-agent-picker";
import { ReadOnlyNotice } from "@/components/clinic-setup/read-only-notice";
import { PageHeader } from "@/components/ui/page-header";
import { canManage } from "@/lib/api-types";
import { requireDashboardSession } from "@/server/auth/page-session";
import { getOrganisation } from "@/server/organisations/get-organisation";

export const metadata: Metadata = { title: "Assistant · Clinicall" };

export default async function AssistantPage() {
  const { user, organisation } = await requireDashboardSession("/dashboard/assistant");
  const clinic = await getOrganisation(user.id, organisation);
  const canEdit = canManage(organisation.role);
  return (
    <>
      <PageHeader
        title="Assistant"
        description="How your receptionist sounds, greets callers and handles transfers, after-hours calls and emergencies."
      />
      <div className="space-y-6">
        {!canEdit && <ReadOnlyNotice clinicName={organisation.name} what="how the receptionist is set up" />}
        <VoiceAgentPicker canEdit={canEdit} selectedId={clinic.selected_voice_agent_id} />
        <AssistantSettingsForm canEdit={canEdit} />
      </div>
    </>
  );
}
