import { canonicalTimeZone } from "@/shared/time-zone-name";
import { countryTimeZones } from "./country-time-zones";

/**
 * A clinic's time zone from what is known about it: the browser's zone when it lies in the
 * country of the clinic's phone number (a Manchester clinic on a London browser; a Novosibirsk
 * clinic on a Novosibirsk browser), otherwise that country's principal zone; with no country,
 * the browser's zone; with neither, UTC.
 */
export function guessTimeZone({ country, browserZone }: { country?: string | null; browserZone?: string | null }): string {
  const browser = browserZone ? canonicalTimeZone(browserZone) : null;
  // ICU names some zones by their older links (Asia/Calcutta for Asia/Kolkata), and so does the
  // rest of the app (every stored zone is canonicalTimeZone's), so compare and store those.
  const zones = (country ? (countryTimeZones[country.toUpperCase()] ?? []) : [])
    .map((zone) => canonicalTimeZone(zone))
    .filter((zone): zone is string => zone !== null);
  if (zones.length > 0) return browser && zones.includes(browser) ? browser : zones[0]!;
  return browser ?? "UTC";
}
