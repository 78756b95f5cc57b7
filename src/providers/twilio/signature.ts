import "server-only";
import twilio from "twilio";

/**
 * `X-Twilio-Signature`: HMAC-SHA1 (key = Auth Token) over the full URL Twilio was configured
 * with, followed by every POST parameter sorted by name as `name + value`, base64
 * (twilio.com/docs/usage/security#validating-requests).
 *
 * The URL must be the public one Twilio signed, built from PUBLIC_BASE_URL with `publicUrlFor`;
 * behind a proxy `req.url` is `http://localhost:PORT/...` and never verifies.
 */

/** Form parameters; repeated keys as arrays (as `paramsFromForm` returns them). */
export type TwilioParams = Record<string, string | string[]>;

export interface TwilioRequestToVerify {
  authToken: string | null | undefined;
  /** The `X-Twilio-Signature` header. */
  signature: string | null | undefined;
  /** The public URL, path and query included (`publicUrlFor`). */
  url: string;
  params: TwilioParams | URLSearchParams;
}

/** Fails closed: false when the token or the signature is missing, or the URL is unreadable. */
export function verifyTwilioRequest({ authToken, signature, url, params }: TwilioRequestToVerify): boolean {
  if (!authToken || !signature) return false;
  try {
    return twilio.validateRequest(authToken, signature, url, toParams(params));
  } catch {
    return false;
  }
}

/** The signature Twilio would send for this request: for simulators and tests. */
export function signTwilioRequest({
  authToken,
  url,
  params,
}: {
  authToken: string;
  url: string;
  params: TwilioParams | URLSearchParams;
}): string {
  return twilio.getExpectedTwilioSignature(authToken, url, toParams(params));
}

/**
 * The URL Twilio signed: the configured public base (scheme, host, optional path prefix) joined
 * with the request's path and query exactly as received.
 * `publicUrlFor("https://clinic.example.com/", "/api/webhooks/twilio?x=1")` →
 * `https://clinic.example.com/api/webhooks/twilio?x=1`.
 */
export function publicUrlFor(publicBaseUrl: string, pathnameAndQuery: string): string {
  const base = publicBaseUrl.replace(/\/+$/, "");
  const path = pathnameAndQuery.startsWith("/") ? pathnameAndQuery : `/${pathnameAndQuery}`;
  return `${base}${path}`;
}

/** Reads an `application/x-www-form-urlencoded` body, keeping repeated keys (Twilio signs them all). */
export function paramsFromForm(body: string | URLSearchParams): TwilioParams {
  return toParams(typeof body === "string" ? new URLSearchParams(body) : body);
}

function toParams(params: TwilioParams | URLSearchParams): TwilioParams {
  if (!(params instanceof URLSearchParams)) return params;
  const result: TwilioParams = {};
  for (const [key, value] of params) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
