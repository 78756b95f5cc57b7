import type { assistantSettings } from "@/server/db/schema";

export interface AssistantSettingsJson {
  greeting_en: string | null;
  greeting_ru: string | null;
  default_language: "en" | "ru" | "auto";
  /** What the assistant does when it answers after hours (call routing's after-hours mode "assistant"). */
  after_hours_behaviour: "take_message" | "inform_and_end";
  recording_disclosure: { enabled: boolean; text: string };
  max_call_minutes: number;
  emergency_message: string;
  /** Card numbers, national ids, emails and dates of birth are removed from stored call text. */
  redact_personal_data: boolean;
  updated_at: string | null;
}

export function toAssistantSettingsJson(row: typeof assistantSettings.$inferSelect): AssistantSettingsJson {
  return {
    greeting_en: row.greetingEn,
    greeting_ru: row.greetingRu,
    default_language: row.defaultLanguage,
    after_hours_behaviour: row.afterHoursBehaviour,
    recording_disclosure: { enabled: row.recordingDisclosureEnabled, text: row.recordingDisclosureText },
    max_call_minutes: row.maxCallMinutes,
    emergency_message: row.emergencyMessage,
    redact_personal_data: row.redactPersonalData,
    updated_at: row.updatedAt.toISOString(),
  };
}
