import { z } from "zod";
import { CountryHint, invalidPhoneNumberMessage, normalisePhoneNumber, RawPhoneNumber } from "@/shared/phone-number";

const Label = z
  .string({ message: "The label must be text." })
  .trim()
  .max(80, { message: "Keep the label under 80 characters." })
  .nullish()
  .transform((value) => value || null);

/** The id Vapi gave this Twilio number after it was imported there. */
const VapiPhoneNumberId = z
  .string({ message: "The Vapi id must be text." })
  .trim()
  .max(100, { message: "That is too long for a Vapi id: copy the id Vapi shows for this number." })
  .regex(/^[A-Za-z0-9_-]*$/, { message: "Use the id Vapi shows for this number: letters, digits, - and _ only." })
  .nullish()
  .transform((value) => value || null);

const phoneNumberShape = {
  phone_number: RawPhoneNumber,
  /** Read national formats as this country's ("020 …" with GB). */
  country: CountryHint.optional(),
  label: Label,
  vapi_phone_number_id: VapiPhoneNumberId,
};

function toE164<T extends { phone_number: string; country?: string }>(value: T, ctx: z.RefinementCtx<T>) {
  const e164 = normalisePhoneNumber(value.phone_number, value.country);
  if (!e164) {
    ctx.addIssue({ code: "custom", path: ["phone_number"], message: invalidPhoneNumberMessage(value.country) });
    return z.NEVER;
  }
  return { ...value, phone_number: e164 };
}

/** POST /api/phone-numbers; the number comes out in E.164. */
export const AddPhoneNumberInput = z
  .object({ ...phoneNumberShape, is_active: z.boolean({ message: "must be true or false" }).default(true) })
  .transform(toE164);
export type AddPhoneNumberInput = z.output<typeof AddPhoneNumberInput>;

/** PUT /api/phone-numbers/:id replaces the number; `is_active` must be said out loud. */
export const ReplacePhoneNumberInput = z
  .object({ ...phoneNumberShape, is_active: z.boolean({ message: "Say whether the number is active (true or false)." }) })
  .transform(toE164);
export type ReplacePhoneNumberInput = z.output<typeof ReplacePhoneNumberInput>;
