import { type Actor, asUser } from "@/server/db/access";
import { assistantSettings } from "@/server/db/schema";
import { type AssistantSettingsJson, toAssistantSettingsJson } from "./assistant-settings-json";
import type { AssistantSettingsInput } from "./schemas";

/**
 * Admin or owner. Replaces the clinic's settings (one row per clinic; created if missing);
 * `redact_personal_data` left out keeps its current value (off for a new row).
 */
export async function saveAssistantSettings(actor: Actor, input: AssistantSettingsInput): Promise<AssistantSettingsJson> {
  const { userId, organisationId } = actor;
  const values = {
    greetingEn: input.greeting_en,
    greetingRu: input.greeting_ru,
    defaultLanguage: input.default_language,
    afterHoursBehaviour: input.after_hours_behaviour,
    transferNumber: input.transfer_number,
    recordingDisclosureEnabled: input.recording_disclosure.enabled,
    recordingDisclosureText: input.recording_disclosure.text,
    maxCallMinutes: input.max_call_minutes,
    emergencyMessage: input.emergency_message,
    ...(input.redact_personal_data !== undefined && { redactPersonalData: input.redact_personal_data }),
  };
  const [row] = await asUser(actor, (tx) =>
    tx
      .insert(assistantSettings)
      .values({ organisationId, userId, ...values })
      .onConflictDoUpdate({ target: assistantSettings.organisationId, set: values })
      .returning(),
  );
  return toAssistantSettingsJson(row!);
}
