import { GoogleError } from "./errors";

/**
 * Reads the account out of the id_token that came back from the token endpoint.
 *
 * The signature is deliberately not checked: the token arrived in the TLS response of our own
 * code exchange with Google, which OpenID Connect Core §3.1.3.7 accepts in place of signature
 * validation (and checking it would mean fetching Google's certificates on every connect).
 * What we do check offline: the audience is our client id, the issuer is Google, the token has
 * not expired, and the email is present and verified.
 */

/** Issuers Google uses in id tokens. The emulator issues the same ones. */
const GOOGLE_ID_TOKEN_ISSUERS = ["https://accounts.google.com", "accounts.google.com"] as const;

const CLOCK_SKEW_SECONDS = 300;

export interface GoogleAccount {
  email: string;
  /** Google's stable account id (`sub`); unlike the email it never changes. */
  subject: string;
}

export function readGoogleAccount(idToken: string, clientId: string, now: Date = new Date()): GoogleAccount {
  const claims = decodePayload(idToken);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(clientId)) throw invalid("the id token was issued for another client");
  if (typeof claims.iss !== "string" || !(GOOGLE_ID_TOKEN_ISSUERS as readonly string[]).includes(claims.iss)) {
    throw invalid("the id token was not issued by Google");
  }
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_SKEW_SECONDS < now.getTime() / 1000) {
    throw invalid("the id token has expired");
  }
  if (typeof claims.sub !== "string" || claims.sub === "") throw invalid("the id token has no subject");
  if (typeof claims.email !== "string" || claims.email === "") {
    throw invalid("the id token has no email (was the `email` scope granted?)");
  }
  if (claims.email_verified === false || claims.email_verified === "false") {
    throw invalid("the Google account's email is not verified");
  }
  return { email: claims.email, subject: claims.sub };
}

interface IdTokenClaims {
  iss?: unknown;
  aud?: unknown;
  sub?: unknown;
  exp?: unknown;
  email?: unknown;
  email_verified?: unknown;
}

function decodePayload(idToken: string): IdTokenClaims {
  const parts = idToken.split(".");
  if (parts.length !== 3 || !parts[1]) throw invalid("the id token is not a JWT");
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (typeof payload !== "object" || payload === null) throw new Error("not an object");
    return payload as IdTokenClaims;
  } catch {
    throw invalid("the id token payload is not JSON");
  }
}

function invalid(why: string): GoogleError {
  return new GoogleError("invalid_response", `Google sign-in could not be read: ${why}`, {
    operation: "oauth.exchangeCode",
  });
}
