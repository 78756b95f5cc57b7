import { getCountries, getCountryCallingCode } from "libphonenumber-js/min";
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

export { countryOf, formatPhoneNumber } from "@/shared/phone-number";
