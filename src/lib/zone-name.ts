/** "America/New_York" → "America/New York": an IANA zone as people read it. */
export function zoneName(timeZone: string): string {
  return timeZone.replaceAll("_", " ");
}

/** The browser's IANA zone: a new clinic's first guess at its own (see guessTimeZone on the server). */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
