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

/** The shape of a stored number: E.164, "+" and 7 to 15 digits (the database checks the same). */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string | null | undefined): value is string {
  return typeof value === "string" && E164_PATTERN.test(value);
}

/**
 * The one rule for a number a person gives us (a patient's phone, a staff destination, the clinic's
 * own numbers, a callback number said to the assistant, a test call's caller): a number is accepted
 * when it is valid for its country (its length and leading digits fit a range the country assigns:
 * "+1 099 …" is refused, no US area code starts with 0), or when it is in a range a regulator keeps
 * out of service for films, examples and demos (isReservedForFiction): a clinic manager who types
 * the UK's 07700 900123 or the US's 555 numbers from a demo or a training sheet expects them to work,
 * and no real call can reach one, so accepting them risks nothing.
 *
 * A number in any common format ("020 7946 0958" with GB, "+1 (201) 555-0123", "8 495 123-45-67"
 * with RU) → E.164 ("+442079460958"), or null when the rule refuses it.
 */
export function normalisePhoneNumber(input: string | null | undefined, country?: string): string | null {
  if (!input) return null;
  const hint = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(input.trim(), hint ? { defaultCountry: hint } : undefined);
  if (!parsed) return null;
  return parsed.isValid() || isReservedForFiction(parsed.number) ? parsed.number : null;
}

/**
 * Ranges kept out of service for drama, examples and tests, which libphonenumber's metadata (rightly,
 * for real numbers) does not call valid:
 * - North America: the whole 555 area code ("+1 555 123 0000": demo mode's clinic answers there);
 *   555-0100 to 555-0199 in real area codes are valid numbers already.
 * - United Kingdom: Ofcom's numbers for drama purposes, e.g. mobile 07700 900000–900999, 01632
 *   960000–960999, and 1,000 numbers in each of several cities' codes (0113 496 0xxx, 020 7946 0xxx,
 *   …), freephone 0808 157 0xxx, premium 0909 879 0xxx, UK-wide 03069 990xxx.
 */
const RESERVED_FOR_FICTION: readonly RegExp[] = [
  /^\+1555\d{7}$/,
  /^\+447700900\d{3}$/,
  /^\+441632960\d{3}$/,
  /^\+44(?:113|114|115|117|118|121|131|141|151|161)4960\d{3}$/,
  /^\+442079460\d{3}$/,
  /^\+441914980\d{3}$/,
  /^\+442896496\d{3}$/,
  /^\+442920180\d{3}$/,
  /^\+448081570\d{3}$/,
  /^\+449098790\d{3}$/,
  /^\+443069990\d{3}$/,
];

export function isReservedForFiction(e164: string): boolean {
  return RESERVED_FOR_FICTION.some((range) => range.test(e164));
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
 * A number as a provider sent it (Twilio's To/From, a caller id): what the rule above accepts reads
 * exactly as the dashboard reads it. Beyond the rule, an E.164 number is kept as it is: a real call
 * came from it, and a carrier may route a range our metadata does not know yet (refusing it would
 * make a returning patient a stranger). Anything else is parsed leniently (possible, not
 * necessarily valid). Null for "anonymous" and other non-numbers.
 */
export function normaliseProviderNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const accepted = normalisePhoneNumber(trimmed);
  if (accepted) return accepted;
  if (isE164(trimmed)) return trimmed;
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
