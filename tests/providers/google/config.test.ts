import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createGoogleConfig,
  GOOGLE_DEFAULT_ENDPOINTS,
  googleConfigFromEnv,
  googleEnvProblems,
  googleEnvSchema,
  googleEnvShape,
} from "@/providers/google/config";
import { envSchema } from "@/server/config/env";

describe("Google configuration", () => {
  it("defaults every endpoint to Google's and the timeout to 4 s; blank counts as unset", () => {
    const env = googleEnvSchema.parse({ GOOGLE_OAUTH_TOKEN_URL: "  " });
    expect(env).toEqual({
      GOOGLE_CLIENT_ID: undefined,
      GOOGLE_CLIENT_SECRET: undefined,
      GOOGLE_OAUTH_AUTH_URL: "https://accounts.google.com/o/oauth2/v2/auth",
      GOOGLE_OAUTH_TOKEN_URL: "https://oauth2.googleapis.com/token",
      GOOGLE_OAUTH_REVOKE_URL: "https://oauth2.googleapis.com/revoke",
      GOOGLE_CALENDAR_API_URL: "https://www.googleapis.com",
      GOOGLE_HTTP_TIMEOUT_MS: 4000,
    });
  });

  it("merges into the central env schema and reports bad values by variable", () => {
    const merged = z.object({ ...envSchema.shape, ...googleEnvShape });
    const result = merged.safeParse({ GOOGLE_CALENDAR_API_URL: "ftp://example.com", GOOGLE_HTTP_TIMEOUT_MS: "soon" });
    expect(result.success).toBe(false);
    const variables = result.error?.issues.map((issue) => issue.path[0]);
    expect(variables).toEqual(expect.arrayContaining(["GOOGLE_CALENDAR_API_URL", "GOOGLE_HTTP_TIMEOUT_MS"]));
  });

  it("is not configured without credentials, and reports a half-set pair", () => {
    const env = googleEnvSchema.parse({ GOOGLE_CLIENT_ID: "id.apps.googleusercontent.com" });
    expect(googleConfigFromEnv(env)).toBeUndefined();
    expect(googleEnvProblems(env)).toEqual([{ variable: "GOOGLE_CLIENT_SECRET", message: expect.stringMatching(/together/) }]);
    expect(googleEnvProblems(googleEnvSchema.parse({}))).toEqual([]);
  });

  it("turns a full environment into a GoogleConfig with the overridden endpoints", () => {
    const env = googleEnvSchema.parse({
      GOOGLE_CLIENT_ID: "id",
      GOOGLE_CLIENT_SECRET: "secret",
      GOOGLE_OAUTH_TOKEN_URL: "http://127.0.0.1:9999/token",
      GOOGLE_CALENDAR_API_URL: "http://127.0.0.1:9999",
      GOOGLE_HTTP_TIMEOUT_MS: "2500",
    });
    expect(googleConfigFromEnv(env)).toEqual({
      clientId: "id",
      clientSecret: "secret",
      endpoints: {
        auth: GOOGLE_DEFAULT_ENDPOINTS.auth,
        token: "http://127.0.0.1:9999/token",
        revoke: GOOGLE_DEFAULT_ENDPOINTS.revoke,
        calendarApi: "http://127.0.0.1:9999",
      },
      requestTimeoutMs: 2500,
    });
  });

  it("refuses unusable values when built by hand", () => {
    expect(() => createGoogleConfig({ clientId: "id", clientSecret: "" })).toThrow(/required/);
    expect(() => createGoogleConfig({ clientId: "id", clientSecret: "s", endpoints: { token: "not a url" } })).toThrow(/token/);
    expect(() => createGoogleConfig({ clientId: "id", clientSecret: "s", requestTimeoutMs: 0 })).toThrow(/positive/);
    expect(createGoogleConfig({ clientId: "id", clientSecret: "s", endpoints: { auth: undefined } }).endpoints).toEqual(
      GOOGLE_DEFAULT_ENDPOINTS,
    );
  });
});
