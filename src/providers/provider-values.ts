import { z } from "zod";

/**
 * The one place provider input (Vapi messages, Twilio forms) is made safe to store and log.
 * Every string a provider sends passes through one of these before it reaches a handler, so no
 * provider value reaches Postgres unsanitised:
 * - text loses NUL and the other C0 control characters except tab and newline, lone UTF-16
 *   surrogates become U+FFFD, and it is cut to the size its column sensibly holds;
 * - ids are printable ASCII of bounded length, or they are not ids;
 * - times are ISO strings (or whole epoch seconds) between 2000 and 2100, or they are dropped;
 * - amounts are finite numbers within their column's range, or they are dropped;
 * - free-form JSON (metadata, messages, tool arguments) is cleaned the same way to any depth,
 *   and refused beyond MAX_JSON_DEPTH.
 * A value that fails one of these schemas is dropped by `lenient` (optional fields) or makes the
 * message a 4xx (required fields); it never becomes a database error.
 */

/** The sizes each kind of provider text is cut to (characters). */
export const TEXT_LIMITS = {
  /** Short words such as an ended reason or a status: also kept in a btree index (calls_organisation_analytics_idx). */
  word: 200,
  /** A sentence or two: a success evaluation, a tool's name. */
  short: 1_000,
  /** A summary. */
  summary: 20_000,
  /** A whole call's transcript. */
  transcript: 500_000,
  /** Any string inside free-form JSON. */
  jsonString: 100_000,
} as const;

const MAX_ID_LENGTH = 128;
/** The longest a call can sensibly last: a week. Longer durations are dropped. */
export const MAX_CALL_SECONDS = 7 * 24 * 3600;
const MAX_URL_LENGTH = 2048;
const MAX_JSON_DEPTH = 32;
const EARLIEST_TIME = Date.UTC(2000, 0, 1);
const LATEST_TIME = Date.UTC(2100, 0, 1);

// C0 controls except \t (0x09) and \n (0x0a), and DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text without control characters or lone surrogates, at most `maxChars` long. */
export function cleanText(value: string, maxChars: number): string {
  const cut = value.length > maxChars ? value.slice(0, maxChars) : value;
  return cut.replace(CONTROL_CHARACTERS, "").toWellFormed();
}

/** A provider's free text, cleaned and cut to `maxChars`. */
export function providerText(maxChars: number) {
  return z.string().transform((value) => cleanText(value, maxChars));
}

/** A provider's id (call id, CallSid, tool-call id): printable ASCII without spaces, bounded. */
export const providerId = z
  .string()
  .min(1, "must be a non-empty id")
  .max(MAX_ID_LENGTH, `must be an id of at most ${MAX_ID_LENGTH} characters`)
  .regex(/^[\x21-\x7e]+$/, "must be an id of printable characters");

/** A point in time between 2000 and 2100, as an ISO string; anything else fails (and `lenient` drops it). */
export const providerTimestamp = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const ms = Date.parse(value);
    if (!Number.isFinite(ms) || ms < EARLIEST_TIME || ms >= LATEST_TIME) {
      ctx.addIssue({ code: "custom", message: "must be a time between 2000 and 2100" });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/**
 * A provider's time in whole seconds since 1970 (Stripe's `created`, `trial_end`), as a Date
 * between 2000 and 2100; undefined for anything else (1e308, -1, a string, a fraction).
 */
export function providerEpochSeconds(value: unknown): Date | undefined {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return undefined;
  const ms = value * 1000;
  return ms >= EARLIEST_TIME && ms < LATEST_TIME ? new Date(ms) : undefined;
}

/** An http(s) URL of bounded length. */
export const providerUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http(s) URL");

/** A finite number from 0 to `max` (the column's range). */
export function providerAmount(max: number) {
  return z.number().finite().min(0).max(max);
}

/** Any JSON value with every string and key cleaned; deeper than MAX_JSON_DEPTH fails. */
export const providerJson = z.unknown().transform((value, ctx) => cleanJsonOrFail(value, ctx));

/** A free-form JSON object, cleaned as `providerJson`. */
export const providerJsonObject = z
  .record(z.string(), z.unknown())
  .transform((value, ctx) => cleanJsonOrFail(value, ctx) as Record<string, unknown>);

function cleanJsonOrFail(value: unknown, ctx: z.RefinementCtx): unknown {
  const cleaned = cleanJson(value, 0);
  if (cleaned === TOO_DEEP) {
    ctx.addIssue({ code: "custom", message: `must nest at most ${MAX_JSON_DEPTH} levels` });
    return z.NEVER;
  }
  return cleaned;
}

const TOO_DEEP = Symbol("too deep");

function cleanJson(value: unknown, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) return TOO_DEEP;
  if (typeof value === "string") return cleanText(value, TEXT_LIMITS.jsonString);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const cleaned = cleanJson(item, depth + 1);
      if (cleaned === TOO_DEEP) return TOO_DEEP;
      items.push(cleaned);
    }
    return items;
  }
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    const cleaned = cleanJson(item, depth + 1);
    if (cleaned === TOO_DEEP) return TOO_DEEP;
    entries.push([cleanText(key, TEXT_LIMITS.word), cleaned]);
  }
  return Object.fromEntries(entries);
}
