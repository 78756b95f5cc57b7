import { randomBytes } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { publicUrlFor, signTwilioRequest, type TwilioParams } from "./signature";

/**
 * A caller simulator: POSTs the form Twilio sends our webhooks, signed the way Twilio signs it
 * (`X-Twilio-Signature` over the URL and the sorted parameters). Used by tests, the
 * `simulate:call` command and demo mode. Makes exactly one request; never retries.
 */

export interface SimulatedResponse {
  status: number;
  contentType: string;
  body: string;
  /** What was sent, for assertions and follow-up requests. */
  callSid: string;
  params: TwilioParams;
  signedUrl: string;
}

interface SimulatedRequestBase {
  /** Where the request is sent, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /**
   * The public base Twilio would have been configured with (PUBLIC_BASE_URL); the signature
   * covers this URL. Defaults to `baseUrl` (no proxy in between).
   */
  signedBaseUrl?: string;
  authToken: string;
  to: string;
  from: string;
  callSid?: string;
  accountSid?: string;
  /** Parameters to add or override, e.g. `{ ForwardedFrom: "+12125550199" }`. */
  extraParams?: TwilioParams;
}

export interface SimulatedIncomingCall extends SimulatedRequestBase {
  path?: string;
}

export interface SimulatedStatusCallback extends SimulatedRequestBase {
  path?: string;
  callSid: string;
  /** Default `completed`. */
  callStatus?: "queued" | "ringing" | "in-progress" | "completed" | "busy" | "failed" | "no-answer" | "canceled";
  /** Seconds; sent with `completed` (default 42). */
  callDuration?: number;
  sequenceNumber?: number;
}

export function simulateIncomingCall(input: SimulatedIncomingCall): Promise<SimulatedResponse> {
  const callSid = input.callSid ?? newSid("CA");
  const params = { ...inboundCallParams({ ...input, callSid }), ...input.extraParams };
  return postSigned(input, input.path ?? "/api/webhooks/twilio", callSid, params);
}

export function simulateStatusCallback(input: SimulatedStatusCallback): Promise<SimulatedResponse> {
  const callStatus = input.callStatus ?? "completed";
  const params: TwilioParams = {
    ...inboundCallParams(input),
    CallStatus: callStatus,
    CallbackSource: "call-progress-events",
    SequenceNumber: String(input.sequenceNumber ?? 0),
    Timestamp: new Date().toUTCString().replace("GMT", "+0000"),
    ...(callStatus === "completed" ? { CallDuration: String(input.callDuration ?? 42) } : {}),
    ...input.extraParams,
  };
  return postSigned(input, input.path ?? "/api/webhooks/twilio/status", input.callSid, params);
}

/** The parameters of a new inbound voice call (twilio.com/docs/usage/webhooks/voice-webhooks). */
export function inboundCallParams(input: { to: string; from: string; callSid: string; accountSid?: string }): Record<string, string> {
  const fromCountry = countryOf(input.from);
  const toCountry = countryOf(input.to);
  return {
    AccountSid: input.accountSid ?? `AC${"0".repeat(32)}`,
    ApiVersion: "2010-04-01",
    CallSid: input.callSid,
    CallStatus: "ringing",
    Direction: "inbound",
    From: input.from,
    To: input.to,
    Caller: input.from,
    Called: input.to,
    FromCountry: fromCountry,
    FromCity: "",
    FromState: "",
    FromZip: "",
    CallerCountry: fromCountry,
    CallerCity: "",
    CallerState: "",
    CallerZip: "",
    ToCountry: toCountry,
    ToCity: "",
    ToState: "",
    ToZip: "",
    CalledCountry: toCountry,
    CalledCity: "",
    CalledState: "",
    CalledZip: "",
    StirVerstat: "TN-Validation-Passed-A",
  };
}

/** `CA` / `AC` / `RE` + 32 lower-case hex digits, like Twilio's SIDs. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

async function postSigned(input: SimulatedRequestBase, path: string, callSid: string, params: TwilioParams): Promise<SimulatedResponse> {
  const signedUrl = publicUrlFor(input.signedBaseUrl ?? input.baseUrl, path);
  const signature = signTwilioRequest({ authToken: input.authToken, url: signedUrl, params });
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  const response = await fetch(publicUrlFor(input.baseUrl, path), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature,
      "user-agent": "TwilioProxy/1.1",
      "i-twilio-idempotency-token": randomBytes(16).toString("hex"),
    },
    body: body.toString(),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    body: await response.text(),
    callSid,
    params,
    signedUrl,
  };
}

function countryOf(number: string): string {
  return parsePhoneNumberFromString(number)?.country ?? "";
}
