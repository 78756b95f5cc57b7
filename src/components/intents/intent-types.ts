import type { IntentJson } from "@/server/intents/intent-json";
import type { intentActionValues } from "@/server/intents/schemas";

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

/** What each action makes the receptionist do after answering, in one sentence. */
export const actionOptions: { value: IntentAction; label: string; effect: string }[] = [
  { value: "answer", label: "Answer only", effect: "The receptionist gives the answer and asks if there is anything else." },
  {
    value: "book_appointment",
    label: "Book an appointment",
    effect: "After answering, it offers free times from your calendar and books one.",
  },
  { value: "transfer_to_human", label: "Transfer to a person", effect: "After answering, it transfers the call to your transfer number." },
  {
    value: "take_message",
    label: "Take a message",
    effect: "After answering, it takes the caller's name, number and message for your team.",
  },
];

export const actionLabel = (action: IntentAction) => actionOptions.find((o) => o.value === action)?.label ?? action;
