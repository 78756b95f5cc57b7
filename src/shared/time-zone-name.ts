/**
 * IANA timezone names as the whole app stores them. Shared: the API's schemas and the
 * browser's forms check a clinic's timezone with the same function.
 */

/** The IANA name as Intl spells it ("europe/london" → "Europe/London"), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
