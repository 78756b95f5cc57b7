import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { consentPage } from "./consent-page";
import { redirect, sendJson, sendOAuthError } from "./http";
import { issueIdToken } from "./issue-id-token";
import { type GoogleEmulatorState, type Grant, randomToken } from "./state";

/**
 * Google's OAuth endpoints as the emulator plays them: consent (auto-approved, or denied when
 * told to), code exchange with client authentication, redirect-URI and PKCE checks, refresh,
 * and revocation, answering with Google's status codes and `{error, error_description}` bodies.
 */

interface EmulatedClient {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered for the client; undefined accepts any http(s) URI. */
  redirectUris: string[] | undefined;
}

export interface OAuthRouteContext {
  state: GoogleEmulatorState;
  client: EmulatedClient;
  accessTokenLifetimeSeconds: number;
  codeLifetimeSeconds: number;
}

const APP_NAME = "Clinicall";

/** Google reports some scopes under their long names in the granted `scope`. */
const SCOPE_ALIASES: Record<string, string> = {
  email: "https://www.googleapis.com/auth/userinfo.email",
  profile: "https://www.googleapis.com/auth/userinfo.profile",
};

const EMAIL = /^[^\s@<>"']{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** An address the consent screen accepts as a Google account, lower-cased; undefined otherwise. */
function accountEmail(value: string | null): string | undefined {
  const email = value?.trim().toLowerCase();
  return email && email.length <= 254 && EMAIL.test(email) ? email : undefined;
}

/**
 * Authorize. GET: the browser arrives here. With `consent` "grant" or "deny" the emulator answers
 * as if the user clicked Allow (for its default account) or Cancel; with "ask" (demo mode) it shows
 * the consent screen (consent-page.ts), which POSTs back here with the account the person chose
 * (the app's login_hint, prefilled) and their decision. Each account has its own calendar.
 */
export function handleAuthorize(ctx: OAuthRouteContext, url: URL, res: ServerResponse, submitted?: string): void {
  const params = url.searchParams;
  const clientId = params.get("client_id");
  const redirectUri = params.get("redirect_uri") ?? "";
  // Errors about the client or the redirect URI are shown to the user, never redirected.
  if (clientId !== ctx.client.clientId) return errorPage(res, 401, "invalid_client", "The OAuth client was not found.");
  if (!isRegisteredRedirect(ctx.client, redirectUri)) {
    return errorPage(res, 400, "redirect_uri_mismatch", `redirect_uri "${redirectUri}" is not registered for this client`);
  }
  if (params.get("response_type") !== "code") {
    return errorPage(res, 400, "unsupported_response_type", "Only response_type=code is supported.");
  }
  const requestedScopes = (params.get("scope") ?? "").split(/\s+/).filter(Boolean);
  if (requestedScopes.length === 0) return errorPage(res, 400, "invalid_request", "Missing required parameter: scope");
  const challenge = params.get("code_challenge") ?? undefined;
  const method = params.get("code_challenge_method") ?? (challenge ? "plain" : undefined);
  if (method !== undefined && (method !== "S256" || !challenge)) {
    return errorPage(res, 400, "invalid_request", "code_challenge_method must be S256 with a code_challenge");
  }

  const back = new URL(redirectUri);
  const state = params.get("state");
  if (state !== null) back.searchParams.set("state", state);
  let account = ctx.state.account;
  if (submitted !== undefined) {
    const form = new URLSearchParams(submitted);
    const decision = form.get("decision");
    if (decision === "deny") {
      back.searchParams.set("error", "access_denied");
      return redirect(res, back.toString());
    }
    if (decision !== "allow") return errorPage(res, 400, "invalid_request", "decision must be allow or deny");
    const chosen = accountEmail(form.get("account"));
    if (!chosen) {
      return htmlPage(
        res,
        400,
        consentPage({
          appName: APP_NAME,
          account: form.get("account")?.slice(0, 254) ?? "",
          scopes: requestedScopes,
          problem: "Enter a valid email address.",
        }),
      );
    }
    account = ctx.state.accountNamed(chosen);
  } else if (ctx.state.consent === "ask") {
    return htmlPage(
      res,
      200,
      consentPage({ appName: APP_NAME, account: accountEmail(params.get("login_hint")) ?? "", scopes: requestedScopes }),
    );
  } else if (ctx.state.consent === "deny") {
    back.searchParams.set("error", "access_denied");
    return redirect(res, back.toString());
  }
  const granted = ctx.state.grantedScopes ?? requestedScopes;
  const scope = granted.filter((s) => requestedScopes.includes(s)).map((s) => SCOPE_ALIASES[s] ?? s);
  const code = randomToken("4/emu-");
  ctx.state.codes.set(code, {
    code,
    clientId: ctx.client.clientId,
    redirectUri,
    codeChallenge: challenge,
    scope: scope.join(" "),
    account,
    expiresAt: ctx.state.now() + ctx.codeLifetimeSeconds * 1000,
    used: false,
  });
  back.searchParams.set("code", code);
  back.searchParams.set("scope", scope.join(" "));
  back.searchParams.set("authuser", "0");
  back.searchParams.set("prompt", "consent");
  redirect(res, back.toString());
}

/** POST token: `authorization_code` and `refresh_token` grants, form-encoded. */
export function handleToken(ctx: OAuthRouteContext, req: IncomingMessage, body: string, res: ServerResponse): void {
  if (!String(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
    return sendOAuthError(res, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(body);
  const clientProblem = authenticateClient(ctx.client, req.headers.authorization, form);
  if (clientProblem) return sendOAuthError(res, 401, "invalid_client", clientProblem);

  const grantType = form.get("grant_type");
  if (grantType === "authorization_code") return exchangeAuthorizationCode(ctx, form, res);
  if (grantType === "refresh_token") return refreshAccessToken(ctx, form, res);
  sendOAuthError(res, 400, "unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
}

/** POST revoke: the token comes in the query (google-auth-library) or the form body. */
export function handleRevoke(ctx: OAuthRouteContext, url: URL, body: string, res: ServerResponse): void {
  const token = url.searchParams.get("token") ?? new URLSearchParams(body).get("token");
  if (!token) return sendOAuthError(res, 400, "invalid_request", "Missing required parameter: token");
  // Revoking either token revokes the whole grant, as at Google.
  if (!ctx.state.revokeGrantOf(token)) return sendOAuthError(res, 400, "invalid_token", "Token expired or revoked");
  sendJson(res, 200, {});
}

function exchangeAuthorizationCode(ctx: OAuthRouteContext, form: URLSearchParams, res: ServerResponse): void {
  const code = form.get("code");
  if (!code) return sendOAuthError(res, 400, "invalid_request", "Missing required parameter: code");
  const issued = ctx.state.codes.get(code);
  if (!issued || issued.clientId !== ctx.client.clientId) {
    return sendOAuthError(res, 400, "invalid_grant", "Malformed auth code.");
  }
  if (issued.used) {
    // A replayed code may be stolen: revoke what it produced (RFC 6749 §4.1.2).
    if (issued.grantId) {
      const grant = ctx.state.grants.get(issued.grantId);
      if (grant) grant.revoked = true;
    }
    return sendOAuthError(res, 400, "invalid_grant", "Bad Request");
  }
  // Any presentation uses the code up, even a failed one: a code is good for one attempt.
  issued.used = true;
  if (issued.expiresAt <= ctx.state.now()) return sendOAuthError(res, 400, "invalid_grant", "Bad Request");
  if (form.get("redirect_uri") !== issued.redirectUri) {
    return sendOAuthError(res, 400, "redirect_uri_mismatch", "Bad Request");
  }
  const verifier = form.get("code_verifier");
  if (issued.codeChallenge !== undefined) {
    if (!verifier) return sendOAuthError(res, 400, "invalid_grant", "Missing code verifier.");
    const challenge = createHash("sha256").update(verifier, "ascii").digest("base64url");
    if (!safeEqual(challenge, issued.codeChallenge)) {
      return sendOAuthError(res, 400, "invalid_grant", "Invalid code verifier.");
    }
  } else if (verifier) {
    return sendOAuthError(res, 400, "invalid_grant", "code_verifier or verifier is not needed.");
  }

  const grant: Grant = {
    id: randomToken("grant-"),
    clientId: issued.clientId,
    account: issued.account,
    scope: issued.scope,
    refreshToken: randomToken("1//emu-"),
    revoked: false,
  };
  ctx.state.grants.set(grant.id, grant);
  issued.grantId = grant.id;
  sendJson(res, 200, { ...issueAccessToken(ctx, grant), refresh_token: grant.refreshToken }, noStore);
}

function refreshAccessToken(ctx: OAuthRouteContext, form: URLSearchParams, res: ServerResponse): void {
  const refreshToken = form.get("refresh_token");
  if (!refreshToken) return sendOAuthError(res, 400, "invalid_request", "Missing required parameter: refresh_token");
  const grant = [...ctx.state.grants.values()].find((g) => g.refreshToken === refreshToken);
  if (!grant || grant.revoked || grant.clientId !== ctx.client.clientId || ctx.state.refreshTokensInvalid) {
    return sendOAuthError(res, 400, "invalid_grant", "Token has been expired or revoked.");
  }
  sendJson(res, 200, issueAccessToken(ctx, grant), noStore);
}

const noStore = { "cache-control": "no-store", pragma: "no-cache" };

function issueAccessToken(ctx: OAuthRouteContext, grant: Grant): Record<string, string | number> {
  const token = randomToken("ya29.emu-");
  const now = ctx.state.now();
  ctx.state.accessTokens.set(token, {
    token,
    grantId: grant.id,
    expiresAt: now + ctx.accessTokenLifetimeSeconds * 1000,
  });
  const response: Record<string, string | number> = {
    access_token: token,
    expires_in: ctx.accessTokenLifetimeSeconds,
    scope: grant.scope,
    token_type: "Bearer",
  };
  if (grant.scope.split(" ").includes("openid")) {
    response.id_token = issueIdToken({
      clientId: grant.clientId,
      clientSecret: ctx.client.clientSecret,
      email: grant.account.email,
      subject: grant.account.subject,
      issuedAtSeconds: Math.floor(now / 1000),
      lifetimeSeconds: 3600,
    });
  }
  return response;
}

/**
 * client_secret_basic (Authorization: Basic) or client_secret_post (form fields); a request
 * using both must name the same client. Returns a problem description, or undefined when the
 * client is authenticated.
 */
function authenticateClient(client: EmulatedClient, authorization: string | undefined, form: URLSearchParams) {
  const posted = { id: form.get("client_id"), secret: form.get("client_secret") };
  const basic = authorization?.startsWith("Basic ") ? parseBasic(authorization.slice(6)) : undefined;
  if (basic && posted.id !== null && !credentialMatches(basic.id, posted.id)) {
    return "Client credentials differ between the Authorization header and the body.";
  }
  const id = basic?.id ?? posted.id;
  const secret = basic?.secret ?? posted.secret;
  if (id === null || !credentialMatches(id, client.clientId)) return "The OAuth client was not found.";
  if (secret === null || !credentialMatches(secret, client.clientSecret)) return "Unauthorized";
  return undefined;
}

function parseBasic(encoded: string): { id: string; secret: string } | undefined {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** RFC 6749 §2.3.1 form-encodes Basic credentials; google-auth-library sends them raw. Accept both. */
function credentialMatches(given: string, expected: string): boolean {
  if (safeEqual(given, expected)) return true;
  try {
    return safeEqual(decodeURIComponent(given.replace(/\+/g, " ")), expected);
  } catch {
    return false;
  }
}

function isRegisteredRedirect(client: EmulatedClient, redirectUri: string): boolean {
  if (client.redirectUris) return client.redirectUris.includes(redirectUri);
  try {
    const protocol = new URL(redirectUri).protocol;
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function htmlPage(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    "x-frame-options": "DENY",
  });
  res.end(html);
}

function errorPage(res: ServerResponse, status: number, error: string, description: string): void {
  if (res.headersSent) return;
  const text = `Error ${status}: ${error}\n${description}\n`;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
