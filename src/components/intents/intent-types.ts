import type { MessageKey } from "@/i18n/keys";
import type { IntentJson } from "@/server/intents/intent-json";
import type { intentActionValues } from "@/shared/schemas/intents";

export type IntentAction = (typeof intentActionValues)[number];

/** An intent as GET /api/intents returns it (the server's JSON shape; types only). */
export type Intent = IntentJson;

/** What the editor holds while someone types. */
export interface IntentDraft {
  name: string;
  example_phrases: string[];
  response_en: string;
  response_ru: string;
  action: IntentAction;
  is_active: boolean;
}

export const emptyDraft: IntentDraft = {
  name: "",
  example_phrases: [],
  response_en: "",
  response_ru: "",
  action: "answer",
  is_active: true,
};

export function draftOf(intent: Intent): IntentDraft {
  return {
    name: intent.name,
    example_phrases: intent.example_phrases,
    response_en: intent.response_en ?? "",
    response_ru: intent.response_ru ?? "",
    action: intent.action,
    is_active: intent.is_active,
  };
}

/** Each action's name and what it makes the receptionist do after answering (catalogue keys). */
export const actionOptions: { value: IntentAction; label: MessageKey; effect: MessageKey }[] = [
  { value: "answer", label: "intents.action.answer", effect: "intents.effect.answer" },
  { value: "book_appointment", label: "intents.action.book_appointment", effect: "intents.effect.book_appointment" },
  { value: "transfer_to_human", label: "intents.action.transfer_to_human", effect: "intents.effect.transfer_to_human" },
  { value: "take_message", label: "intents.action.take_message", effect: "intents.effect.take_message" },
];

export const actionLabelKey = (action: IntentAction): MessageKey =>
  actionOptions.find((o) => o.value === action)?.label ?? "intents.action.answer";
