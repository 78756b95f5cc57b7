import { z } from "zod";
import { isInstant } from "@/shared/input-dates";

/**
 * Rules shared by the API and the Intents page (which checks them as the admin types), so
 * this file imports nothing server-only.
 */
export const INTENT_LIMITS = {
  nameMax: 80,
  phrasesMin: 1,
  phrasesMax: 50,
  phraseMax: 200,
  responseMax: 2000,
  positionMax: 100_000,
} as const;

const IntentName = z
  .string({ message: "Give the intent a name." })
  .trim()
  .min(1, { message: "Give the intent a name." })
  .max(INTENT_LIMITS.nameMax, { message: `Keep the name under ${INTENT_LIMITS.nameMax} characters.` });

const ExamplePhrase = z
  .string({ message: "Each example phrase must be text." })
  .trim()
  .min(1, { message: "An example phrase cannot be empty." })
  .max(INTENT_LIMITS.phraseMax, { message: `Keep each example phrase under ${INTENT_LIMITS.phraseMax} characters.` });

const Response = z
  .string({ message: "The answer must be text." })
  .trim()
  .max(INTENT_LIMITS.responseMax, { message: `Keep the answer under ${INTENT_LIMITS.responseMax} characters.` })
  .nullish()
  .transform((value) => value || null);

/** The same list as the database's check (intent-json.ts asserts it at compile time). */
export const intentActionValues = ["answer", "book_appointment", "transfer_to_human", "take_message"] as const;

const IntentAction = z.enum(intentActionValues, {
  message: "must be answer, book_appointment, transfer_to_human or take_message",
});

const intentShape = {
  name: IntentName,
  example_phrases: z
    .array(ExamplePhrase, { message: "Add example phrases as a list." })
    .min(INTENT_LIMITS.phrasesMin, { message: "Add at least one example phrase a caller might say." })
    .max(INTENT_LIMITS.phrasesMax, { message: `Use at most ${INTENT_LIMITS.phrasesMax} example phrases.` }),
  response_en: Response,
  response_ru: Response,
  action: IntentAction.default("answer"),
  is_active: z.boolean({ message: "must be true or false" }).default(true),
  position: z
    .number({ message: "must be a whole number" })
    .int({ message: "must be a whole number" })
    .min(0, { message: "must be 0 or more" })
    .max(INTENT_LIMITS.positionMax)
    .optional(),
};

const hasAnAnswer = (v: { response_en: string | null; response_ru: string | null }) => Boolean(v.response_en || v.response_ru);
const answerRequired = {
  path: ["response_en"],
  message: "Write the answer in English, Russian or both.",
};

/** POST /api/intents. Without `position` the intent goes to the end of the list. */
export const CreateIntentInput = z.object(intentShape).refine(hasAnAnswer, answerRequired);
export type CreateIntentInput = z.infer<typeof CreateIntentInput>;

/**
 * PUT /api/intents/:id replaces the intent. `updated_at` is the version the editor started
 * from, exactly as the API returned it; `position` omitted keeps the intent's place.
 */
export const ReplaceIntentInput = z
  .object({
    ...intentShape,
    updated_at: z
      .string({ message: "Send back the updated_at you read, to detect concurrent edits." })
      .refine(isInstant, { message: "must be the updated_at the API returned" }),
  })
  .refine(hasAnAnswer, answerRequired);
export type ReplaceIntentInput = z.infer<typeof ReplaceIntentInput>;

/** PUT /api/intents/order: every intent of the clinic, once, in the new order. */
export const ReorderIntentsInput = z.object({
  ids: z
    .array(z.uuid({ message: "must be an intent id" }), { message: "Send ids as a list." })
    .max(10_000)
    .refine((ids) => new Set(ids).size === ids.length, { message: "lists an intent twice" }),
});
