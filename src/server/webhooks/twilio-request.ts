import { paramsFromForm, publicUrlFor, type TwilioParams, verifyTwilioRequest } from "@/providers/twilio/signature";
import { getConfig } from "@/server/config";
import { jsonError } from "@/server/http/error-response";
import { BODY_LIMITS, PayloadTooLargeError, readBodyText } from "@/server/http/read-body";
import { log } from "@/server/log";

export type VerifiedTwilioRequest = { ok: true; params: Record<string, string> } | { ok: false; response: Response };

/**
 * Reads a Twilio webhook's form body and verifies X-Twilio-Signature against the public URL
 * (PUBLIC_BASE_URL + path + query), never req.url. Fails closed: no token configured, no
 * signature or a wrong one → 403 with no TwiML. Without a token or a signature header the body
 * is never read; with one, at most BODY_LIMITS.twilioForm is (413 beyond).
 */
export async function verifiedTwilioForm(req: Request): Promise<VerifiedTwilioRequest> {
  const { pathname, search } = new URL(req.url);
  const authToken = getConfig().twilio.authToken;
  if (!authToken || !req.headers.get("x-twilio-signature")) {
    log.warn({ path: pathname, configured: Boolean(authToken) }, "Twilio webhook refused: signature missing or wrong");
    await req.body?.cancel().catch(() => undefined);
    return { ok: false, response: forbidden() };
  }
  let body: string;
  try {
    body = await readBodyText(req, BODY_LIMITS.twilioForm);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    log.warn({ path: pathname }, "Twilio webhook refused: body too large");
    return { ok: false, response: jsonError(error.code, error.message, error.details) };
  }
  const params: TwilioParams = paramsFromForm(body);
  const url = publicUrlFor(getConfig().publicBaseUrl, `${pathname}${search}`);
  if (!verifyTwilioRequest({ authToken, signature: req.headers.get("x-twilio-signature"), url, params })) {
    // The URL the signature was checked against: a sender that signed another one (a proxy, a
    // different PUBLIC_BASE_URL or port) shows up here.
    log.warn({ path: pathname, configured: Boolean(authToken), checkedUrl: url }, "Twilio webhook refused: signature does not match");
    return { ok: false, response: forbidden() };
  }
  const single = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : v]));
  return { ok: true, params: single };
}

function forbidden(): Response {
  return new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain" } });
}

export function twimlResponse(twiml: string): Response {
  return new Response(twiml, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
}
