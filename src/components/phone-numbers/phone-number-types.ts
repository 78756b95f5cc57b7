import type { PhoneNumberJson } from "@/server/phone-numbers/phone-number-json";

/** A number as GET /api/phone-numbers returns it (the server's JSON shape; types only). */
export type PhoneNumber = PhoneNumberJson;

/** The full body PUT /api/phone-numbers/:id expects, from a stored number plus changes. */
export function replacementOf(number: PhoneNumber, changes: Partial<PhoneNumber> = {}) {
  const next = { ...number, ...changes };
  return {
    phone_number: next.phone_number,
    label: next.label,
    is_active: next.is_active,
    vapi_phone_number_id: next.vapi_phone_number_id,
  };
}
