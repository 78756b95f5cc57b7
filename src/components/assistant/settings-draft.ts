import type { MessageKey } from "@/i18n/keys";
import type { AssistantSettingsJson } from "@/server/assistant-settings/assistant-settings-json";

/** GET /api/assistant-settings (the server's JSON shape; types only). */
export type AssistantSettings = AssistantSettingsJson;

/** The form's state: text as typed. */
export interface SettingsDraft {
  greeting_en: string;
  greeting_ru: string;
  default_language: AssistantSettings["default_language"];
  after_hours_behaviour: AssistantSettings["after_hours_behaviour"];
  max_call_minutes: string;
  emergency_message: string;
  redact_personal_data: boolean;
}

export function draftOf(settings: AssistantSettings): SettingsDraft {
  return {
    greeting_en: settings.greeting_en ?? "",
    greeting_ru: settings.greeting_ru ?? "",
    default_language: settings.default_language,
    after_hours_behaviour: settings.after_hours_behaviour,
    max_call_minutes: String(settings.max_call_minutes),
    emergency_message: settings.emergency_message,
    redact_personal_data: settings.redact_personal_data,
  };
}

/**
 * The PUT body, with the API's field names so validation paths match. The recording consent is
 * not in it: Settings → Privacy is its one editor (a form loaded earlier cannot overwrite it).
 */
export function bodyOf(draft: SettingsDraft) {
  const minutes = draft.max_call_minutes.trim();
  return {
    greeting_en: draft.greeting_en,
    greeting_ru: draft.greeting_ru,
    default_language: draft.default_language,
    after_hours_behaviour: draft.after_hours_behaviour,
    max_call_minutes: minutes === "" ? null : Number(minutes),
    emergency_message: draft.emergency_message,
    redact_personal_data: draft.redact_personal_data,
  };
}

/** Labels and effects are catalogue keys (messages/*.json). */
export const languageOptions = [
  { value: "auto", label: "assistant.language.auto", effect: "assistant.language.autoEffect" },
  { value: "en", label: "assistant.language.en", effect: "assistant.language.enEffect" },
  { value: "ru", label: "assistant.language.ru", effect: "assistant.language.ruEffect" },
] as const satisfies readonly { value: string; label: MessageKey; effect: MessageKey }[];

export const afterHoursOptions = [
  { value: "take_message", label: "assistant.afterHours.take_message", effect: "assistant.afterHours.take_messageEffect" },
  { value: "inform_and_end", label: "assistant.afterHours.inform_and_end", effect: "assistant.afterHours.inform_and_endEffect" },
] as const satisfies readonly { value: string; label: MessageKey; effect: MessageKey }[];
