import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { CodeChallengeMethod, type Credentials, OAuth2Client } from "google-auth-library";
import type { GoogleConfig } from "./config";
import { GoogleError, toGoogleError } from "./errors";
import { readGoogleAccount } from "./read-id-token";

/**
 * Google OAuth for one clinic's calendar, through google-auth-library's OAuth2Client with every
 * endpoint taken from GoogleConfig (so the emulator can stand in for Google).
 *
 * Every function makes at most one HTTP request, bounded by `config.requestTimeoutMs`, and never
 * retries on its own: the library's built-in retries (3 attempts with backoff on 5xx/429 and on
 * network errors) are switched off, so a caller on the phone is never kept waiting and retries
 * happen where the caller decides (the outbox worker). Failures are GoogleErrors.
 */

/**
 * `openid email` tell us which Google account connected; `calendar.events` creates and cancels
 * events; `calendar.freebusy` reads availability (listed for freebusy.query in the Calendar v3
 * discovery document shipped with @googleapis/calendar 16). Google's consent screen lets users
 * untick scopes: check the granted `scope` with `missingCalendarScopes`.
 */
export const GOOGLE_CALENDAR_SCOPES = [
  "openid",
  "email",
  "https://www.googleapis.com/auth/calendar.events",
  "https://www.googleapis.com/auth/calendar.freebusy",
] as const;

export interface PkcePair {
  /** Keep server-side with the state; send only at the code exchange. */
  codeVerifier: string;
  /** base64url(SHA-256(codeVerifier)), sent in the authorization URL with method S256. */
  codeChallenge: string;
}

interface AuthorizationUrlInput {
  /** Random, single-use, bound server-side to the user and organisation (never the organisation id). */
  state: string;
  codeChallenge: string;
  /** Must equal, byte for byte, the redirect URI registered at Google and the one used at exchange. */
  redirectUri: string;
  /** Pre-selects a Google account on the consent screen. */
  loginHint?: string;
}

interface CodeExchangeInput {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface GoogleTokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  /** Space-separated scopes the user actually granted. */
  scope: string;
  /** The Google account that consented. */
  email: string;
  /** Google's stable id for that account. */
  googleAccountId: string;
}

export interface RefreshedAccessToken {
  accessToken: string;
  expiresAt: Date;
  /** Present only if Google issued a new refresh token: store it; otherwise keep the old one. */
  refreshToken?: string;
}

export interface GoogleOAuth {
  buildAuthorizationUrl(input: AuthorizationUrlInput): string;
  /** Trades a one-time code for tokens. `invalid_grant`: code expired, already used, or wrong verifier. */
  exchangeCode(input: CodeExchangeInput): Promise<GoogleTokenGrant>;
  /** `invalid_grant`: the refresh token is revoked or expired: mark the connection disconnected. */
  refreshAccessToken(refreshToken: string): Promise<RefreshedAccessToken>;
  /**
   * Revokes the whole grant (a refresh token or access token both work). Idempotent: a token
   * Google no longer knows counts as revoked and resolves `already_invalid`.
   */
  revokeToken(token: string): Promise<"revoked" | "already_invalid">;
}

/** A fresh PKCE pair (RFC 7636): a 64-character verifier and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(48).toString("base64url");
  return { codeVerifier, codeChallenge: pkceChallengeFor(codeVerifier) };
}

function pkceChallengeFor(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}

/** The required scopes missing from a granted `scope` string (empty when all were granted). */
export function missingCalendarScopes(grantedScope: string): string[] {
  const granted = new Set(grantedScope.split(/\s+/).filter(Boolean));
  const needed = GOOGLE_CALENDAR_SCOPES.filter((scope) => scope !== "openid" && scope !== "email");
  return needed.filter((scope) => !granted.has(scope));
}

/** OAuth2Client exposing the (protected) refresh call, which dedupes concurrent refreshes of one token. */
class ConfiguredOAuth2Client extends OAuth2Client {
  refreshWith(refreshToken: string) {
    return this.refreshToken(refreshToken);
  }
}

export function createGoogleOAuth(config: GoogleConfig): GoogleOAuth {
  const client = new ConfiguredOAuth2Client({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    endpoints: {
      oauth2AuthBaseUrl: config.endpoints.auth,
      oauth2TokenUrl: config.endpoints.token,
      oauth2RevokeUrl: config.endpoints.revoke,
    },
    transporterOptions: {
      timeout: config.requestTimeoutMs,
      // The client adds `retry: true` to every token call; a deep-merged retry count of 0 wins.
      retryConfig: { retry: 0, noResponseRetries: 0 },
    },
  });

  return {
    buildAuthorizationUrl({ state, codeChallenge, redirectUri, loginHint }) {
      return client.generateAuthUrl({
        response_type: "code",
        redirect_uri: redirectUri,
        scope: [...GOOGLE_CALENDAR_SCOPES],
        access_type: "offline",
        // Without consent Google omits the refresh token for a returning user.
        prompt: "consent",
        state,
        code_challenge: codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
        ...(loginHint ? { login_hint: loginHint } : {}),
      });
    },

    async exchangeCode({ code, codeVerifier, redirectUri }) {
      const operation = "oauth.exchangeCode";
      let tokens: Credentials;
      try {
        ({ tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri }));
      } catch (error) {
        throw toGoogleError(error, operation);
      }
      const accessToken = requireString(tokens.access_token, "access_token", operation);
      const refreshToken = requireString(tokens.refresh_token, "refresh_token", operation);
      const idToken = requireString(tokens.id_token, "id_token", operation);
      const account = readGoogleAccount(idToken, config.clientId);
      return {
        accessToken,
        refreshToken,
        expiresAt: expiryOf(tokens, operation),
        scope: tokens.scope ?? "",
        email: account.email,
        googleAccountId: account.subject,
      };
    },

    async refreshAccessToken(refreshToken) {
      const operation = "oauth.refresh";
      let tokens: Credentials;
      try {
        ({ tokens } = await client.refreshWith(refreshToken));
      } catch (error) {
        throw toGoogleError(error, operation);
      }
      return {
        accessToken: requireString(tokens.access_token, "access_token", operation),
        expiresAt: expiryOf(tokens, operation),
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      };
    },

    async revokeToken(token) {
      try {
        await client.revokeToken(token);
        return "revoked";
      } catch (error) {
        const mapped = toGoogleError(error, "oauth.revoke");
        if (mapped.status === 400 && mapped.reason === "invalid_token") return "already_invalid";
        throw mapped;
      }
    },
  };
}

function requireString(value: string | null | undefined, field: string, operation: string): string {
  if (typeof value === "string" && value !== "") return value;
  const hint = field === "refresh_token" ? " (was prompt=consent and access_type=offline sent?)" : "";
  throw new GoogleError("invalid_response", `Google's token response has no ${field}${hint}`, { operation });
}

/** google-auth-library turns `expires_in` into an absolute `expiry_date` in ms. */
function expiryOf(tokens: Credentials, operation: string): Date {
  if (typeof tokens.expiry_date !== "number") {
    throw new GoogleError("invalid_response", "Google's token response has no expires_in", { operation });
  }
  return new Date(tokens.expiry_date);
}
