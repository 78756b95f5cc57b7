import "server-only";
import { createTwilioRestClient, type TwilioRestClient } from "@/providers/twilio/rest-client";
import { getConfig } from "@/server/config";

/**
 * This process's Twilio REST client (TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN against
 * TWILIO_API_URL), or undefined when the account sid or token is not set: callers then skip
 * what needs the REST API (a transfer falls back to a message, an SMS is not sent) and say so.
 *
 * Use it from jobs, never inside a webhook's 15 s: `client.calls(sid).update({ twiml })` for
 * live calls, `client.messages.create({ messagingServiceSid, to, body, statusCallback })` for SMS.
 */
const cache = globalThis as unknown as { __clinicallTwilioRest?: { key: string; client: TwilioRestClient } };

export function twilioRest(): TwilioRestClient | undefined {
  const { accountSid, authToken, apiUrl } = getConfig().twilio;
  if (!accountSid || !authToken) return undefined;
  const key = `${accountSid}\n${authToken}\n${apiUrl}`;
  if (cache.__clinicallTwilioRest?.key !== key) {
    cache.__clinicallTwilioRest = { key, client: createTwilioRestClient({ accountSid, authToken, apiUrl }) };
  }
  return cache.__clinicallTwilioRest.client;
}

/** Twilio's RestException as plain facts (status, Twilio error code, message), for logs and retries. */
export function describeTwilioError(error: unknown): { status: number | undefined; code: number | undefined; message: string } {
  const e = error as { status?: unknown; code?: unknown; message?: unknown };
  return {
    status: typeof e?.status === "number" ? e.status : undefined,
    code: typeof e?.code === "number" ? e.code : undefined,
    message: (typeof e?.message === "string" ? e.message : String(error)).slice(0, 500),
  };
}
