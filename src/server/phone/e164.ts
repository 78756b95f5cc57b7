import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** The E.164 form of a phone number, or null when it is not a valid number. */
export function toE164(value: string | null | undefined, defaultCountry?: CountryCode): string | null {
  if (!value) return null;
  const parsed = parsePhoneNumberFromString(value.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}
