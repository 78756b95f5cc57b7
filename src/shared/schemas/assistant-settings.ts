import { z } from "zod";
import { CountryHint } from "@/shared/phone-number";

/** Rules shared by the API and the Assistant page. */
export const ASSISTANT_LIMITS = {
  greetingMax: 500,
  disclosureMax: 500,
  emergencyMax: 500,
  minCallMinutes: 1,
  maxCallMinutes: 60,
} as const;

const defaultLanguages = ["en", "ru", "auto"] as const;
const afterHoursBehaviours = ["take_message", "inform_and_end"] as const;

const Greeting = z
  .string({ message: "The greeting must be text." })
  .trim()
  .max(ASSISTANT_LIMITS.greetingMax, { message: `Keep the greeting under ${ASSISTANT_LIMITS.greetingMax} characters.` })
  .nullish()
  .transform((value) => value || null);

/** Where staff numbers and after-hours forwarding are set since decision 019. */
const MOVED_TO_ROUTING = "Staff numbers and after-hours forwarding are set in call routing (PUT /api/call-routing).";

/**
 * PUT /api/assistant-settings replaces every setting. Where calls go is no longer here
 * (decision 019): a `transfer_number` (other than null or empty) or `after_hours_behaviour:
 * "transfer"` is refused and names /api/call-routing; `transfer_number_country` is ignored.
 */
export const AssistantSettingsInput = z
  .object({
    greeting_en: Greeting,
    greeting_ru: Greeting,
    default_language: z.enum(defaultLanguages, { message: "must be en, ru or auto" }),
    after_hours_behaviour: z.enum(afterHoursBehaviours, {
      error: (issue) =>
        issue.input === "transfer"
          ? `must be take_message or inform_and_end. ${MOVED_TO_ROUTING}`
          : "must be take_message or inform_and_end",
    }),
    transfer_number: z.unknown().optional(),
    transfer_number_country: CountryHint.optional().catch(undefined),
    // Optional: Settings → Privacy edits the recording consent (PUT /api/privacy/settings); left
    // out here, the stored consent is kept. Older clients that send it still may.
    recording_disclosure: z
      .object(
        {
          enabled: z.boolean({ message: "must be true or false" }),
          text: z
            .string({ message: "must be text" })
            .trim()
            .max(ASSISTANT_LIMITS.disclosureMax, { message: `Keep the disclosure under ${ASSISTANT_LIMITS.disclosureMax} characters.` }),
        },
        { message: "Send the recording disclosure as {enabled, text}." },
      )
      .optional(),
    max_call_minutes: z
      .number({ message: "must be a number of minutes" })
      .int({ message: "must be a whole number of minutes" })
      .min(ASSISTANT_LIMITS.minCallMinutes, { message: "must be at least 1 minute" })
      .max(ASSISTANT_LIMITS.maxCallMinutes, { message: "must be at most 60 minutes" }),
    redact_personal_data: z.boolean({ message: "must be true or false" }).optional(),
    emergency_message: z
      .string({ message: "Write what the assistant says about emergencies." })
      .trim()
      .min(1, { message: "Write what the assistant says about emergencies." })
      .max(ASSISTANT_LIMITS.emergencyMax, { message: `Keep it under ${ASSISTANT_LIMITS.emergencyMax} characters.` }),
  })
  .transform((value, ctx) => {
    if (!value.greeting_en && !value.greeting_ru) {
      ctx.addIssue({ code: "custom", path: ["greeting_en"], message: "Write a greeting in English, Russian or both." });
    }
    if (value.default_language === "en" && !value.greeting_en) {
      ctx.addIssue({ code: "custom", path: ["greeting_en"], message: "English is the default language: write an English greeting." });
    }
    if (value.default_language === "ru" && !value.greeting_ru) {
      ctx.addIssue({ code: "custom", path: ["greeting_ru"], message: "Russian is the default language: write a Russian greeting." });
    }
    if (value.recording_disclosure?.enabled && !value.recording_disclosure.text) {
      ctx.addIssue({ code: "custom", path: ["recording_disclosure", "text"], message: "Write the disclosure callers will hear." });
    }
    if (value.transfer_number !== undefined && value.transfer_number !== null && value.transfer_number !== "") {
      ctx.addIssue({ code: "custom", path: ["transfer_number"], message: MOVED_TO_ROUTING });
    }
    if (ctx.issues.length > 0) return z.NEVER;
    const { transfer_number_country: _hint, transfer_number: _moved, ...settings } = value;
    return settings;
  });
export type AssistantSettingsInput = z.output<typeof AssistantSettingsInput>;
