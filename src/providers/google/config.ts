import "server-only";
import { z } from "zod";

/**
 * Google settings. Nothing here reads process.env: the central config validates the environment
 * with `googleEnvShape` (merge it into its schema) and turns the result into a GoogleConfig with
 * `googleConfigFromEnv`; tests and demo mode build one with `createGoogleConfig`.
 */

/** Where each Google endpoint lives. The emulator's `urls` has exactly this shape. */
export interface GoogleEndpoints {
  /** OAuth consent page, e.g. https://accounts.google.com/o/oauth2/v2/auth */
  auth: string;
  /** OAuth token endpoint (code exchange and refresh), e.g. https://oauth2.googleapis.com/token */
  token: string;
  /** OAuth revocation endpoint, e.g. https://oauth2.googleapis.com/revoke */
  revoke: string;
  /** Root of the Calendar API; requests go to `<calendarApi>/calendar/v3/...`. */
  calendarApi: string;
}

export interface GoogleConfig {
  clientId: string;
  clientSecret: string;
  endpoints: GoogleEndpoints;
  /** Upper bound for each single HTTP request to Google, in ms. There are no automatic retries. */
  requestTimeoutMs: number;
}

export const GOOGLE_DEFAULT_ENDPOINTS: Readonly<GoogleEndpoints> = Object.freeze({
  auth: "https://accounts.google.com/o/oauth2/v2/auth",
  token: "https://oauth2.googleapis.com/token",
  revoke: "https://oauth2.googleapis.com/revoke",
  calendarApi: "https://www.googleapis.com",
});

/** Short enough to answer a caller on the phone, long enough for a healthy Google round trip. */
const GOOGLE_DEFAULT_TIMEOUT_MS = 4_000;

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });

const endpointUrl = (fallback: string) => z.preprocess(blankAsUndefined, httpUrl.default(fallback));

/**
 * zod fields for the Google environment variables, to spread into the central env schema:
 * `z.object({ ...baseShape, ...googleEnvShape })`. Credentials are optional because demo mode
 * runs without them (against the emulator); `googleEnvProblems` reports a half-set pair.
 */
export const googleEnvShape = {
  GOOGLE_CLIENT_ID: z.preprocess(blankAsUndefined, z.string().optional()),
  GOOGLE_CLIENT_SECRET: z.preprocess(blankAsUndefined, z.string().optional()),
  GOOGLE_OAUTH_AUTH_URL: endpointUrl(GOOGLE_DEFAULT_ENDPOINTS.auth),
  GOOGLE_OAUTH_TOKEN_URL: endpointUrl(GOOGLE_DEFAULT_ENDPOINTS.token),
  GOOGLE_OAUTH_REVOKE_URL: endpointUrl(GOOGLE_DEFAULT_ENDPOINTS.revoke),
  GOOGLE_CALENDAR_API_URL: endpointUrl(GOOGLE_DEFAULT_ENDPOINTS.calendarApi),
  GOOGLE_HTTP_TIMEOUT_MS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(100).max(60_000).default(GOOGLE_DEFAULT_TIMEOUT_MS)),
};

export const googleEnvSchema = z.object(googleEnvShape);
export type GoogleEnv = z.infer<typeof googleEnvSchema>;

/** Problems the field schemas cannot see on their own, in the central config's `{variable, message}` form. */
export function googleEnvProblems(env: GoogleEnv): { variable: string; message: string }[] {
  if (Boolean(env.GOOGLE_CLIENT_ID) === Boolean(env.GOOGLE_CLIENT_SECRET)) return [];
  const missing = env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID";
  return [{ variable: missing, message: "must be set together with the other Google OAuth credential" }];
}

/** The GoogleConfig for a validated environment, or undefined when no credentials are set. */
export function googleConfigFromEnv(env: GoogleEnv): GoogleConfig | undefined {
  if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET) return undefined;
  return createGoogleConfig({
    clientId: env.GOOGLE_CLIENT_ID,
    clientSecret: env.GOOGLE_CLIENT_SECRET,
    endpoints: {
      auth: env.GOOGLE_OAUTH_AUTH_URL,
      token: env.GOOGLE_OAUTH_TOKEN_URL,
      revoke: env.GOOGLE_OAUTH_REVOKE_URL,
      calendarApi: env.GOOGLE_CALENDAR_API_URL,
    },
    requestTimeoutMs: env.GOOGLE_HTTP_TIMEOUT_MS,
  });
}

export interface GoogleConfigInput {
  clientId: string;
  clientSecret: string;
  /** Any endpoint left out keeps Google's production URL. */
  endpoints?: Partial<GoogleEndpoints>;
  requestTimeoutMs?: number;
}

/** Builds a GoogleConfig from plain values (tests, demo mode). Throws on an unusable value. */
export function createGoogleConfig(input: GoogleConfigInput): GoogleConfig {
  const endpoints = { ...GOOGLE_DEFAULT_ENDPOINTS, ...definedOnly(input.endpoints ?? {}) };
  for (const [name, url] of Object.entries(endpoints)) {
    if (!httpUrl.safeParse(url).success) throw new Error(`Google endpoint "${name}" is not an http(s) URL: ${url}`);
  }
  if (!input.clientId || !input.clientSecret) throw new Error("Google clientId and clientSecret are required");
  const requestTimeoutMs = input.requestTimeoutMs ?? GOOGLE_DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) {
    throw new Error(`Google requestTimeoutMs must be a positive number of milliseconds, got ${requestTimeoutMs}`);
  }
  return { clientId: input.clientId, clientSecret: input.clientSecret, endpoints, requestTimeoutMs };
}

function definedOnly<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
