/** The Postgres error under a Drizzle "Failed query" wrapper, if any: its SQLSTATE, constraint and hint. */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string; hint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return current as { code?: string; constraint?: string; hint?: string };
    }
    current = candidate.cause;
  }
  return undefined;
}
