import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/min";
import { z } from "zod";

/**
 * The one reading of phone numbers, in the browser (forms check as you type) and on the server
 * (schemas, webhooks), so both agree on what a valid number is. One metadata set:
 * libphonenumber-js's "min" (about 80 KB, half of "max"): a number is valid when its length and
 * leading digits fit a type its country assigns ("+1 099 ..." is refused: no US area code starts
 * with 0). Every import of libphonenumber-js names `/min`, so no second metadata set ships.
 */

/** ISO 3166 alpha-2 country ("GB", "us") that libphonenumber knows, upper-cased. */
export const CountryHint = z
  .string({ message: "must be a two-letter country code, like GB" })
  .trim()
  .toUpperCase()
  .refine((code): code is CountryCode => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code), {
    message: "must be a two-letter country code, like GB, US or RU",
  });

/**
 * A phone number in any common format ("020 7946 0958" with GB, "+1 (201) 555-0123",
 * "8 495 123-45-67" with RU) → E.164 ("+442079460958"), or null when it is not a valid number.
 */
export function normalisePhoneNumber(input: string | null | undefined, country?: string): string | null {
  if (!input) return null;
  const hint = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(input.trim(), hint ? { defaultCountry: hint } : undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * A number as a provider sent it (Twilio's To/From): E.164 already is kept as it is (a carrier
 * may route numbers our metadata does not know yet); anything else is parsed leniently (possible,
 * not necessarily valid). Null for "anonymous" and other non-numbers.
 */
export function normaliseProviderNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\+[1-9]\d{6,14}$/.test(trimmed)) return trimmed;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isPossible() ? parsed.number : null;
}

export function invalidPhoneNumberMessage(country?: string): string {
  return country
    ? `is not a valid ${country} phone number`
    : "is not a valid phone number: start with + and the country code, or choose a country";
}

export const RawPhoneNumber = z
  .string({ message: "Enter a phone number." })
  .trim()
  .min(1, { message: "Enter a phone number." })
  .max(40, { message: "That phone number is too long." });

/** "+442079460958" → "+44 20 7946 0958" for reading; anything unparseable is shown as stored. */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The country of a stored E.164 number ("+442079460958" → "GB"), if it has one. */
export function countryOf(e164: string | null | undefined): string | undefined {
  return e164 ? parsePhoneNumberFromString(e164)?.country : undefined;
}
