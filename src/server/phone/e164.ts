import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** The E.164 form of a phone number, or null when it is not a valid number. */
export function toE164(value: string | null | undefined, defaultCountry?: CountryCode): string | null {
  if (!value) return null;
  const parsed = parsePhoneNumberFromString(value.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * A number as a provider sent it (Twilio's To/From): E.164 already is kept as it is; anything
 * else is parsed leniently. Null for "anonymous" and other non-numbers.
 */
export function normaliseProviderNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\+[1-9]\d{6,14}$/.test(trimmed)) return trimmed;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isPossible() ? parsed.number : null;
}
