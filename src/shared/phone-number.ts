import examples from "libphonenumber-js/examples.mobile.json";
import { type CountryCode, getExampleNumber, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/min";
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
  if (!parsed) return null;
  return parsed.isValid() || isFictionalNanp(parsed.number) ? parsed.number : null;
}

/**
 * "+1 555 …": the North American area code 555 is kept out of service for films, examples and
 * demos. Demo mode's clinic answers on +1 555 123 0000, so it has to be a number the forms take
 * (no real call can ever reach one, so accepting them risks nothing).
 */
function isFictionalNanp(e164: string): boolean {
  return /^\+1555\d{7}$/.test(e164);
}

/** "GB" → "United Kingdom" ("Великобритания" in "ru"). */
export function countryName(country: string, locale = "en"): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(country) ?? country;
}

/** A sample number of `country`, as dialled there and with the country code ("07400 123456", "+44 7400 123456"). */
export function exampleNumber(country: string | undefined): { national: string; international: string } | null {
  if (!country || !isSupportedCountry(country)) return null;
  const example = getExampleNumber(country as CountryCode, examples);
  return example ? { national: example.formatNational(), international: example.formatInternational() } : null;
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

/** The form's error, a sentence with an example of the chosen country's numbers. */
export function invalidPhoneNumberMessage(country?: string): string {
  const example = exampleNumber(country);
  if (country && example) {
    return `This isn't a valid ${countryName(country)} phone number. Write it as it is dialled there, like ${example.national}, or with the country code, like ${example.international}.`;
  }
  return "This isn't a valid phone number. Start with + and the country code, like +44 20 7946 0958, or choose the country.";
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
