import type { AssistantSettingsJson } from "@/server/assistant-settings/assistant-settings-json";

/** GET /api/assistant-settings (the server's JSON shape; types only). */
export type AssistantSettings = AssistantSettingsJson;

/** The form's state: text as typed. */
export interface SettingsDraft {
  greeting_en: string;
  greeting_ru: string;
  default_language: AssistantSettings["default_language"];
  after_hours_behaviour: AssistantSettings["after_hours_behaviour"];
  transfer_number: string;
  transfer_number_country: string;
  disclosure_enabled: boolean;
  disclosure_text: string;
  max_call_minutes: string;
  emergency_message: string;
}

export function draftOf(settings: AssistantSettings, country: string): SettingsDraft {
  return {
    greeting_en: settings.greeting_en ?? "",
    greeting_ru: settings.greeting_ru ?? "",
    default_language: settings.default_language,
    after_hours_behaviour: settings.after_hours_behaviour,
    transfer_number: settings.transfer_number ?? "",
    transfer_number_country: country,
    disclosure_enabled: settings.recording_disclosure.enabled,
    disclosure_text: settings.recording_disclosure.text,
    max_call_minutes: String(settings.max_call_minutes),
    emergency_message: settings.emergency_message,
  };
}

/** The PUT body, with the API's field names so validation paths match. */
export function bodyOf(draft: SettingsDraft) {
  const minutes = draft.max_call_minutes.trim();
  return {
    greeting_en: draft.greeting_en,
    greeting_ru: draft.greeting_ru,
    default_language: draft.default_language,
    after_hours_behaviour: draft.after_hours_behaviour,
    transfer_number: draft.transfer_number,
    transfer_number_country: draft.transfer_number_country,
    recording_disclosure: { enabled: draft.disclosure_enabled, text: draft.disclosure_text },
    max_call_minutes: minutes === "" ? null : Number(minutes),
    emergency_message: draft.emergency_message,
  };
}

export const languageOptions = [
  {
    value: "auto",
    label: "Match the caller",
    effect: "The receptionist greets in English and switches to Russian if the caller speaks Russian.",
  },
  { value: "en", label: "English", effect: "The receptionist greets and answers in English unless the caller asks for Russian." },
  { value: "ru", label: "Russian", effect: "The receptionist greets and answers in Russian unless the caller asks for English." },
] as const;

export const afterHoursOptions = [
  {
    value: "take_message",
    label: "Take a message",
    effect: "Outside working hours the receptionist says you're closed and takes the caller's name, number and message.",
  },
  {
    value: "transfer",
    label: "Transfer the call",
    effect: "Outside working hours the receptionist says you're closed and offers to put the caller through to the transfer number below.",
  },
  {
    value: "inform_and_end",
    label: "Give the hours and end the call",
    effect: "Outside working hours the receptionist says when you're next open and ends the call politely.",
  },
] as const;
