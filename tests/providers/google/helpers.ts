import { expect } from "vitest";
import { createGoogleConfig, type GoogleConfig } from "@/providers/google/config";
import { type GoogleEmulator, type GoogleEmulatorOptions, startGoogleEmulator } from "@/providers/google/emulator";
import { GoogleError, type GoogleErrorKind } from "@/providers/google/errors";
import { createGoogleOAuth, createPkcePair, type GoogleOAuth, type GoogleTokenGrant } from "@/providers/google/oauth";

export const CLIENT_ID = "clinicall-test.apps.googleusercontent.com";
export const CLIENT_SECRET = "GOCSPX-test-secret";
export const REDIRECT_URI = "https://clinic.example.com/api/calendar/callback";

export interface GoogleTestBed {
  emulator: GoogleEmulator;
  config: GoogleConfig;
  oauth: GoogleOAuth;
}

export async function startTestBed(
  options: Partial<GoogleEmulatorOptions> = {},
  /** Generous, so a loaded machine does not make a timeout test of every test; timeout tests pass their own. */
  requestTimeoutMs = 30_000,
): Promise<GoogleTestBed> {
  const emulator = await startGoogleEmulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT_URI],
    ...options,
  });
  const config = createGoogleConfig({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    endpoints: emulator.urls,
    requestTimeoutMs,
  });
  return { emulator, config, oauth: createGoogleOAuth(config) };
}

/** Follows the authorization URL like a browser would and reads the redirect back to us. */
export async function authorize(authorizationUrl: string): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

/** The whole consent flow: authorize, then exchange the code with its verifier. */
export async function connect(bed: GoogleTestBed): Promise<GoogleTokenGrant> {
  const pkce = createPkcePair();
  const back = await authorize(
    bed.oauth.buildAuthorizationUrl({ state: "state-1", codeChallenge: pkce.codeChallenge, redirectUri: REDIRECT_URI }),
  );
  return bed.oauth.exchangeCode({
    code: back.searchParams.get("code") ?? "",
    codeVerifier: pkce.codeVerifier,
    redirectUri: REDIRECT_URI,
  });
}

/** Awaits a promise expected to reject with a GoogleError of `kind`, and returns the error. */
export async function expectGoogleError(promise: Promise<unknown>, kind: GoogleErrorKind): Promise<GoogleError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GoogleError);
  expect((error as GoogleError).kind, (error as Error).message).toBe(kind);
  return error as GoogleError;
}
