import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";

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
 * Full metadata: the number must be one the country actually assigns, not just the right length.
 */
export function normalisePhoneNumber(input: string, country?: string): string | null {
  const hint = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(input, hint ? { defaultCountry: hint } : undefined);
  return parsed?.isValid() ? parsed.number : null;
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
