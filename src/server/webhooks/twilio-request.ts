import { getConfig } from "@/server/config";
import { log } from "@/server/log";
import { paramsFromForm, publicUrlFor, verifyTwilioRequest, type TwilioParams } from "@/providers/twilio/signature";

export type VerifiedTwilioRequest = { ok: true; params: Record<string, string> } | { ok: false; response: Response };

/**
 * Reads a Twilio webhook's form body and verifies X-Twilio-Signature against the public URL
 * (PUBLIC_BASE_URL + path + query), never req.url. Fails closed: no token configured, no
 * signature or a wrong one → 403 with no TwiML.
 */
export async function verifiedTwilioForm(req: Request): Promise<VerifiedTwilioRequest> {
  const body = await req.text();
  const params: TwilioParams = paramsFromForm(body);
  const { pathname, search } = new URL(req.url);
  const url = publicUrlFor(getConfig().publicBaseUrl, `${pathname}${search}`);
  const authToken = getConfig().twilio.authToken;
  if (!verifyTwilioRequest({ authToken, signature: req.headers.get("x-twilio-signature"), url, params })) {
    log.warn({ path: pathname, configured: Boolean(authToken) }, "Twilio webhook refused: signature missing or wrong");
    return { ok: false, response: new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain" } }) };
  }
  const single = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : v]));
  return { ok: true, params: single };
}

export function twimlResponse(twiml: string): Response {
  return new Response(twiml, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
}
