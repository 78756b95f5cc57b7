import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGoogleCalendar } from "@/providers/google/calendar";
import { createGoogleOAuth, createPkcePair, GOOGLE_CALENDAR_SCOPES, missingCalendarScopes } from "@/providers/google/oauth";
import { authorize, CLIENT_ID, connect, expectGoogleError, type GoogleTestBed, REDIRECT_URI, startTestBed } from "./helpers";

const FREEBUSY_SCOPE = "https://www.googleapis.com/auth/calendar.freebusy";
const EVENTS_SCOPE = "https://www.googleapis.com/auth/calendar.events";

describe("createPkcePair", () => {
  it("makes an RFC 7636 verifier and its S256 challenge, fresh each time", () => {
    const pair = createPkcePair();
    expect(pair.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(pair.codeChallenge).toBe(createHash("sha256").update(pair.codeVerifier).digest("base64url"));
    expect(createPkcePair().codeVerifier).not.toBe(pair.codeVerifier);
  });
});

describe("Google OAuth against the emulator", () => {
  let bed: GoogleTestBed;
  let clock: number;

  beforeEach(async () => {
    clock = Date.now();
    bed = await startTestBed({ now: () => clock, accountEmail: "reception@clinic.example" });
  });
  afterEach(() => bed.emulator.close());

  function startConsent(overrides: { redirectUri?: string } = {}) {
    const pkce = createPkcePair();
    const url = bed.oauth.buildAuthorizationUrl({
      state: "s".repeat(43),
      codeChallenge: pkce.codeChallenge,
      redirectUri: overrides.redirectUri ?? REDIRECT_URI,
      loginHint: "reception@clinic.example",
    });
    return { url, pkce };
  }

  async function codeFor(url: string): Promise<string> {
    const back = await authorize(url);
    const code = back.searchParams.get("code");
    expect(code).toBeTruthy();
    return code ?? "";
  }

  it("builds the consent URL on the configured endpoint with offline access, consent and PKCE", () => {
    const { url, pkce } = startConsent();
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(bed.emulator.urls.auth);
    const params = Object.fromEntries(parsed.searchParams);
    expect(params).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      access_type: "offline",
      prompt: "consent",
      state: "s".repeat(43),
      code_challenge: pkce.codeChallenge,
      code_challenge_method: "S256",
      login_hint: "reception@clinic.example",
    });
    expect(params.scope?.split(" ")).toEqual([...GOOGLE_CALENDAR_SCOPES]);
  });

  it("completes the round trip: consent, code, exchange with the verifier, tokens and the account", async () => {
    const { url, pkce } = startConsent();
    const back = await authorize(url);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get("state")).toBe("s".repeat(43));

    const exchangedFrom = Date.now();
    const grant = await bed.oauth.exchangeCode({
      code: back.searchParams.get("code") ?? "",
      codeVerifier: pkce.codeVerifier,
      redirectUri: REDIRECT_URI,
    });
    const exchangedBy = Date.now();
    expect(grant.email).toBe("reception@clinic.example");
    expect(grant.googleAccountId).toMatch(/^\d+$/);
    expect(grant.accessToken).toMatch(/^ya29\./);
    expect(grant.refreshToken).toMatch(/^1\/\//);
    // expiresAt comes from expires_in (3599 s) against the real clock of the library.
    expect(grant.expiresAt.getTime()).toBeGreaterThanOrEqual(exchangedFrom + 3_599_000);
    expect(grant.expiresAt.getTime()).toBeLessThanOrEqual(exchangedBy + 3_599_000);
    expect(missingCalendarScopes(grant.scope)).toEqual([]);

    // The emulator holds exactly that grant, and the access token opens the calendar.
    const grants = [...bed.emulator.state.grants.values()];
    expect(grants).toHaveLength(1);
    expect(grants[0]?.refreshToken).toBe(grant.refreshToken);
    const calendar = createGoogleCalendar(bed.config);
    await expect(
      calendar.queryFreeBusy({
        accessToken: grant.accessToken,
        calendarId: "primary",
        timeMin: new Date("2026-03-09T00:00:00Z"),
        timeMax: new Date("2026-03-10T00:00:00Z"),
        timeZone: "Europe/London",
      }),
    ).resolves.toEqual([]);
  });

  it("refuses a wrong verifier", async () => {
    const { url } = startConsent();
    const error = await expectGoogleError(
      bed.oauth.exchangeCode({ code: await codeFor(url), codeVerifier: createPkcePair().codeVerifier, redirectUri: REDIRECT_URI }),
      "invalid_grant",
    );
    expect(error.status).toBe(400);
    expect(bed.emulator.state.grants.size).toBe(0);
  });

  it("refuses a reused code, and revokes what the first exchange produced", async () => {
    const { url, pkce } = startConsent();
    const code = await codeFor(url);
    const first = await bed.oauth.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT_URI });
    await expectGoogleError(bed.oauth.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT_URI }), "invalid_grant");
    await expectGoogleError(bed.oauth.refreshAccessToken(first.refreshToken), "invalid_grant");
  });

  it("refuses a redirect URI other than the one the code was issued for", async () => {
    const { url, pkce } = startConsent();
    const error = await expectGoogleError(
      bed.oauth.exchangeCode({
        code: await codeFor(url),
        codeVerifier: pkce.codeVerifier,
        redirectUri: `${REDIRECT_URI}/`,
      }),
      "invalid_request",
    );
    expect(error.reason).toBe("redirect_uri_mismatch");
  });

  it("refuses a wrong client secret", async () => {
    const { url, pkce } = startConsent();
    const code = await codeFor(url);
    const impostor = createGoogleOAuth({ ...bed.config, clientSecret: "GOCSPX-wrong" });
    const error = await expectGoogleError(
      impostor.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT_URI }),
      "invalid_request",
    );
    expect(error).toMatchObject({ status: 401, reason: "invalid_client" });
    expect(bed.emulator.state.grants.size).toBe(0);
  });

  it("refuses an expired code", async () => {
    const { url, pkce } = startConsent();
    const code = await codeFor(url);
    clock += 11 * 60_000;
    await expectGoogleError(bed.oauth.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT_URI }), "invalid_grant");
  });

  it("redirects back with error=access_denied when the user cancels consent", async () => {
    bed.emulator.state.consent = "deny";
    const back = await authorize(startConsent().url);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("s".repeat(43));
    expect(back.searchParams.has("code")).toBe(false);
  });

  it("reports calendar scopes the user unticked on the consent screen", async () => {
    bed.emulator.state.grantedScopes = ["openid", "email", EVENTS_SCOPE];
    const grant = await connect(bed);
    expect(missingCalendarScopes(grant.scope)).toEqual([FREEBUSY_SCOPE]);
  });

  it("refreshes the access token and keeps the refresh token", async () => {
    const grant = await connect(bed);
    const refreshed = await bed.oauth.refreshAccessToken(grant.refreshToken);
    expect(refreshed.accessToken).not.toBe(grant.accessToken);
    expect(refreshed.refreshToken).toBeUndefined();
    expect(refreshed.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(bed.emulator.state.accessTokens.has(refreshed.accessToken)).toBe(true);
  });

  it("answers invalid_grant after the grant is revoked, and revoking twice is harmless", async () => {
    const grant = await connect(bed);
    await expect(bed.oauth.revokeToken(grant.refreshToken)).resolves.toBe("revoked");
    await expectGoogleError(bed.oauth.refreshAccessToken(grant.refreshToken), "invalid_grant");
    await expect(bed.oauth.revokeToken(grant.refreshToken)).resolves.toBe("already_invalid");
    // Revoking the refresh token also killed the access token issued with it.
    const calendar = createGoogleCalendar(bed.config);
    await expectGoogleError(
      calendar.queryFreeBusy({
        accessToken: grant.accessToken,
        calendarId: "primary",
        timeMin: new Date("2026-03-09T00:00:00Z"),
        timeMax: new Date("2026-03-10T00:00:00Z"),
        timeZone: "UTC",
      }),
      "unauthorized",
    );
  });

  it("answers invalid_grant when Google expires refresh tokens on its own", async () => {
    const grant = await connect(bed);
    bed.emulator.state.refreshTokensInvalid = true;
    const error = await expectGoogleError(bed.oauth.refreshAccessToken(grant.refreshToken), "invalid_grant");
    expect(error.message).toMatch(/expired or revoked/);
  });

  it.each([
    [429, "rate_limited"],
    [500, "unavailable"],
    [503, "unavailable"],
  ] as const)("maps a %i from the token endpoint to %s after exactly one request", async (status, kind) => {
    const grant = await connect(bed);
    const before = bed.emulator.state.requestCount("token");
    bed.emulator.fail("token", { status });
    const error = await expectGoogleError(bed.oauth.refreshAccessToken(grant.refreshToken), kind);
    expect(error.status).toBe(status);
    expect(bed.emulator.state.requestCount("token") - before).toBe(1);
  });

  it("gives up on a slow token endpoint at the configured timeout, without retrying", async () => {
    const grant = await connect(bed);
    // Only the refresh is impatient: the exchange above had the normal timeout.
    const impatient = createGoogleOAuth({ ...bed.config, requestTimeoutMs: 250 });
    const before = bed.emulator.state.requestCount("token");
    bed.emulator.fail("token", { delayMs: 3_000 });
    const started = Date.now();
    const error = await expectGoogleError(impatient.refreshAccessToken(grant.refreshToken), "unavailable");
    const elapsed = Date.now() - started;
    expect(error.message).toMatch(/timed out/);
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(bed.emulator.state.requestCount("token") - before).toBe(1);
  });

  it("answers unavailable when nothing listens at the token URL", async () => {
    const grant = await connect(bed);
    await bed.emulator.close();
    const error = await expectGoogleError(bed.oauth.refreshAccessToken(grant.refreshToken), "unavailable");
    expect(error.message).toMatch(/could not reach Google/);
    bed = await startTestBed();
  });
});
