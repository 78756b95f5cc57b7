import { afterAll } from "vitest";
import * as callbackRoute from "@/app/api/calendar/callback/route";
import * as connectRoute from "@/app/api/calendar/connect/route";
import { type GoogleEmulator, startGoogleEmulator } from "@/providers/google/emulator";
import type { ApiClient, ApiResponse } from "../helpers/api";

export const GOOGLE_CLIENT = { clientId: "clinicall-test.apps.googleusercontent.com", clientSecret: "test-google-client-secret" };

/** A Google emulator for the test file (closed after it), and the environment pointing the app at it. */
export async function useGoogleEmulator(options: { accountEmail?: string } = {}) {
  const google = await startGoogleEmulator({ ...GOOGLE_CLIENT, accountEmail: options.accountEmail });
  afterAll(() => google.close());
  return { google, env: (extra: Record<string, string> = {}) => googleEnv(google, extra) };
}

/**
 * The app's Google settings for the emulator. Each request may take up to a minute, so a loaded
 * machine does not turn a test into a timeout test; tests about timeouts set their own.
 */
export function googleEnv(google: GoogleEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GOOGLE_HTTP_TIMEOUT_MS: "60000",
    GOOGLE_CLIENT_ID: GOOGLE_CLIENT.clientId,
    GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT.clientSecret,
    GOOGLE_OAUTH_AUTH_URL: google.urls.auth,
    GOOGLE_OAUTH_TOKEN_URL: google.urls.token,
    GOOGLE_OAUTH_REVOKE_URL: google.urls.revoke,
    GOOGLE_CALENDAR_API_URL: google.urls.calendarApi,
    ...extra,
  };
}

export interface ConsentRound {
  /** GET /api/calendar/connect */
  connect: ApiResponse;
  /** Where Google's consent screen sent the browser back: /api/calendar/callback?... */
  callbackPath: string;
  state: string;
}

/** An admin clicks Connect and Google's consent screen answers (as the emulator is told to). */
export async function visitConsent(client: ApiClient): Promise<ConsentRound> {
  const connect = await client.get(connectRoute.GET, "/api/calendar/connect");
  if (connect.status !== 302) throw new Error(`connect answered ${connect.status}: ${JSON.stringify(connect.body)}`);
  const consent = await fetch(connect.headers.get("location")!, { redirect: "manual" });
  const back = new URL(consent.headers.get("location")!);
  return { connect, callbackPath: `${back.pathname}${back.search}`, state: back.searchParams.get("state") ?? "" };
}

/** The browser arrives back at our callback; returns where the callback redirects to. */
export async function returnToCallback(client: ApiClient, callbackPath: string): Promise<URL> {
  const res = await client.get(callbackRoute.GET, callbackPath);
  if (res.status !== 302) throw new Error(`callback answered ${res.status}: ${JSON.stringify(res.body)}`);
  return new URL(res.headers.get("location")!);
}

/** Connects the signed-in admin's clinic to the emulator's calendar, the way a browser does. */
export async function connectCalendar(client: ApiClient): Promise<URL> {
  const round = await visitConsent(client);
  const landed = await returnToCallback(client, round.callbackPath);
  if (landed.searchParams.get("connected") !== "1") throw new Error(`connecting failed: ${landed}`);
  return landed;
}
