import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { SelectOption } from "@/components/ui/select";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** Every country libphonenumber knows, by English name, as "United Kingdom (+44)". */
export const countryOptions: SelectOption[] = getCountries()
  .map((code) => ({ value: code, label: `${regionNames.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** A first guess at the clinic's country from the browser's language ("en-GB" → "GB"). */
export function guessCountry(languages: readonly string[] | undefined, fallback = "GB"): string {
  for (const tag of languages ?? []) {
    const region = tag.split("-")[1]?.toUpperCase();
    if (region && countryOptions.some((o) => o.value === region)) return region;
  }
  return fallback;
}

/** "+442079460958" → "+44 20 7946 0958" for reading; anything unparseable is shown as stored. */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The country of a stored E.164 number ("+442079460958" → "GB"), if it has one. */
export function countryOf(e164: string | null | undefined): string | undefined {
  return e164 ? parsePhoneNumberFromString(e164)?.country : undefined;
}
