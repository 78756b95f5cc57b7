/** A number as GET /api/phone-numbers returns it. */
export interface PhoneNumber {
  id: string;
  phone_number: string;
  label: string | null;
  is_active: boolean;
  vapi_phone_number_id: string | null;
  created_at: string;
  updated_at: string;
}

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

export const VAPI_ID_EXPLAINED =
  "After you import this Twilio number into Vapi (Vapi dashboard → Phone Numbers), Vapi shows an id for it. Paste it here so calls to this number can be handed to your receptionist. You can add it later.";
