import "server-only";
import pino from "pino";
import { logLines } from "@/shared/log-lines";
import { currentLogContext } from "./log-context";

/**
 * The one logger. Fields that can carry secrets are redacted wherever they appear, so a
 * careless `log.info({ req })` cannot leak a session, token or password.
 */
export const log = pino(
  {
    level: process.env.LOG_LEVEL || "info",
    base: undefined,
    // Every line written while serving a request carries its request id (and the call's ids once
    // known): see log-context.ts and src/server/http/observe-request.ts.
    mixin: () => ({ ...currentLogContext() }),
    // Every line stays a few kilobytes at most, whatever a request carried (a 100 KB query or id).
    formatters: { log: (fields) => boundLogFields(fields) },
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "*.access_token",
        "*.refresh_token",
        "authorization",
        "*.authorization",
        "cookie",
        "*.cookie",
        "headers.authorization",
        "headers.cookie",
        "*.headers.authorization",
        "*.headers.cookie",
        "*.encryptionKey",
        "encryptionKey",
      ],
      censor: "[redacted]",
    },
    // JSON lines, or readable ones with LOG_FORMAT=pretty (npm start outside production).
  },
  logLines,
);

/** The longest string one field of a log line carries; longer ones are cut and say how long they were. */
export const MAX_LOGGED_STRING = 1_000;
const MAX_LOGGED_ITEMS = 20;
const MAX_LOGGED_DEPTH = 4;

/**
 * A log line's fields with every string cut to MAX_LOGGED_STRING characters, arrays and objects to
 * MAX_LOGGED_ITEMS entries and nesting to MAX_LOGGED_DEPTH levels: input from outside (a URL, an
 * id, a provider's field) can never make a multi-kilobyte log line. Errors are left to pino's
 * serializer (describeError cuts their messages).
 */
export function boundLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  return bound(fields, 0) as Record<string, unknown>;
}

function bound(value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    return value.length > MAX_LOGGED_STRING ? `${value.slice(0, MAX_LOGGED_STRING)}… (${value.length} characters)` : value;
  }
  if (value === null || typeof value !== "object" || value instanceof Error || value instanceof Date) return value;
  if (depth >= MAX_LOGGED_DEPTH) return "[nested]";
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LOGGED_ITEMS).map((item) => bound(item, depth + 1));
    return value.length > MAX_LOGGED_ITEMS ? [...items, `… (${value.length} items)`] : items;
  }
  const entries = Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, MAX_LOGGED_ITEMS * 2)) out[key.slice(0, 100)] = bound(item, depth + 1);
  if (entries.length > MAX_LOGGED_ITEMS * 2) out["…"] = `${entries.length} keys`;
  return out;
}

/** The longest error message a log line carries: an error about bad input may quote all of it. */
export const MAX_LOGGED_MESSAGE = 500;

/**
 * A loggable description of an error that carries no query parameters: Drizzle's "Failed query"
 * message lists them (hashes, tokens, phone numbers), so the driver's own error is used instead.
 * The message is cut to MAX_LOGGED_MESSAGE characters.
 */
export function describeError(error: unknown): { message: string; code?: string } {
  const described = describeErrorInFull(error);
  if (described.message.length <= MAX_LOGGED_MESSAGE) return described;
  return { ...described, message: `${described.message.slice(0, MAX_LOGGED_MESSAGE)}… (${described.message.length} characters)` };
}

function describeErrorInFull(error: unknown): { message: string; code?: string } {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, message: String(candidate.message ?? "database error") };
    }
    if (candidate.cause === undefined) break;
    current = candidate.cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith("Failed query")) {
    const cause = (error as { cause?: unknown }).cause;
    return { message: cause instanceof Error ? cause.message : "database query failed" };
  }
  return { message };
}
