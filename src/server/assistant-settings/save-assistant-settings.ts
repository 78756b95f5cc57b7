import { eq } from "drizzle-orm";
import { changedFields } from "@/server/audit/changed-fields";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { assistantSettings } from "@/server/db/schema";
import type { AssistantSettingsInput } from "@/shared/schemas/assistant-settings";
import { type AssistantSettingsJson, toAssistantSettingsJson } from "./assistant-settings-json";

/**
 * Admin or owner. Replaces the clinic's settings (one row per clinic; created if missing);
 * `redact_personal_data` and `recording_disclosure` left out keep their current values (a new
 * row's defaults: off, and the consent on with its default sentence).
 */
export async function saveAssistantSettings(actor: Actor, input: AssistantSettingsInput): Promise<AssistantSettingsJson> {
  const { userId, organisationId } = actor;
  const values = {
    greetingEn: input.greeting_en,
    greetingRu: input.greeting_ru,
    defaultLanguage: input.default_language,
    afterHoursBehaviour: input.after_hours_behaviour,
    ...(input.recording_disclosure && {
      recordingDisclosureEnabled: input.recording_disclosure.enabled,
      recordingDisclosureText: input.recording_disclosure.text,
    }),
    maxCallMinutes: input.max_call_minutes,
    emergencyMessage: input.emergency_message,
    ...(input.redact_personal_data !== undefined && { redactPersonalData: input.redact_personal_data }),
  };
  const [row] = await asUser(actor, async (tx) => {
    const [before] = await tx.select().from(assistantSettings).where(eq(assistantSettings.organisationId, organisationId)).for("update");
    const rows = await tx
      .insert(assistantSettings)
      .values({ organisationId, userId, ...values })
      .onConflictDoUpdate({ target: assistantSettings.organisationId, set: values })
      .returning();
    const { redactPersonalData, ...rest } = values as typeof values & { redactPersonalData?: boolean };
    const fields = changedFields(before, rest);
    if (fields.length > 0)
      await recordAudit(tx, { action: "settings.assistant_changed", objectType: "assistant_settings", details: { fields } });
    if (redactPersonalData !== undefined && redactPersonalData !== (before?.redactPersonalData ?? false)) {
      await recordAudit(tx, {
        action: "redaction.changed",
        objectType: "assistant_settings",
        details: { from: before?.redactPersonalData ?? false, to: redactPersonalData },
      });
    }
    return rows;
  });
  return toAssistantSettingsJson(row!);
}
