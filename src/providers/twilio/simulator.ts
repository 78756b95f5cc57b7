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

export interface SimulatedInboundSms extends SimulatedRequestBase {
  path?: string;
  body: string;
  messageSid?: string;
  messagingServiceSid?: string;
}

/** Twilio's default opt-out and opt-in keywords: the inbound webhook then carries `OptOutType`. */
const OPT_OUT_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
const OPT_IN_WORDS = ["START", "YES", "UNSTOP"];

/** The `OptOutType` Twilio adds to an inbound text whose whole body is one of its keywords. */
function optOutTypeOf(body: string): "STOP" | "START" | "HELP" | undefined {
  const word = body.trim().toUpperCase();
  if (OPT_OUT_WORDS.includes(word)) return "STOP";
  if (OPT_IN_WORDS.includes(word)) return "START";
  if (word === "HELP" || word === "INFO") return "HELP";
  return undefined;
}

/** A patient's text to the clinic's number, as Twilio's incoming-message webhook posts it (signed). */
export function simulateInboundSms(input: SimulatedInboundSms): Promise<SimulatedResponse> {
  const messageSid = input.messageSid ?? newSid("SM");
  const optOutType = optOutTypeOf(input.body);
  const params: TwilioParams = {
    ToCountry: countryOf(input.to),
    FromCountry: countryOf(input.from),
    SmsMessageSid: messageSid,
    NumMedia: "0",
    SmsSid: messageSid,
    SmsStatus: "received",
    Body: input.body,
    To: input.to,
    NumSegments: "1",
    MessageSid: messageSid,
    AccountSid: input.accountSid ?? `AC${"0".repeat(32)}`,
    From: input.from,
    ApiVersion: "2010-04-01",
    ...(input.messagingServiceSid ? { MessagingServiceSid: input.messagingServiceSid } : {}),
    ...(optOutType ? { OptOutType: optOutType } : {}),
    ...input.extraParams,
  };
  return postSigned(input, input.path ?? "/api/webhooks/twilio/sms", messageSid, params);
}

/** A message status callback (twilio.com/docs/messaging/guides/track-outbound-message-status), signed. */
export function simulateSmsStatusCallback(
  input: Omit<SimulatedRequestBase, "to" | "from"> & {
    path?: string;
    messageSid: string;
    status: string;
    errorCode?: number;
    to?: string;
    from?: string;
    messagingServiceSid?: string;
  },
): Promise<SimulatedResponse> {
  const params: TwilioParams = {
    AccountSid: input.accountSid ?? `AC${"0".repeat(32)}`,
    ApiVersion: "2010-04-01",
    MessageSid: input.messageSid,
    SmsSid: input.messageSid,
    MessageStatus: input.status,
    SmsStatus: input.status,
    ...(input.to ? { To: input.to } : {}),
    ...(input.from ? { From: input.from } : {}),
    ...(input.messagingServiceSid ? { MessagingServiceSid: input.messagingServiceSid } : {}),
    ...(input.errorCode !== undefined ? { ErrorCode: String(input.errorCode) } : {}),
  };
  return postSigned(
    { ...input, to: input.to ?? "", from: input.from ?? "" },
    input.path ?? "/api/webhooks/twilio/sms/status",
    input.messageSid,
    params,
  );
}

export interface SimulatedRecording extends SimulatedRequestBase {
  callSid: string;
  recordingSid?: string;
  /** Seconds (default 12). */
  durationSeconds?: number;
  path?: string;
}

/** What `<Record action>` posts when the caller finished a recording (signed). */
export function simulateVoicemailRecording(input: SimulatedRecording): Promise<SimulatedResponse> {
  const recordingSid = input.recordingSid ?? newSid("RE");
  const accountSid = input.accountSid ?? `AC${"0".repeat(32)}`;
  const params: TwilioParams = {
    ...inboundCallParams({ ...input, accountSid }),
    CallStatus: "in-progress",
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    RecordingDuration: String(input.durationSeconds ?? 12),
    Digits: "#",
    ...input.extraParams,
  };
  return postSigned(input, input.path ?? "/api/webhooks/twilio/voicemail", input.callSid, params);
}

export interface SimulatedTranscription extends SimulatedRequestBase {
  callSid: string;
  recordingSid: string;
  transcriptionSid?: string;
  /** Default `completed`. */
  status?: "completed" | "failed";
  text?: string;
  path?: string;
}

/**
 * What `<Record transcribe="true" transcribeCallback>` posts once Twilio transcribed the recording
 * (twilio.com/docs/voice/twiml/record#transcribecallback), signed. Twilio sends it after the
 * recording's action, for recordings of 2 to 120 seconds.
 */
export function simulateTranscriptionCallback(input: SimulatedTranscription): Promise<SimulatedResponse> {
  const accountSid = input.accountSid ?? `AC${"0".repeat(32)}`;
  const transcriptionSid = input.transcriptionSid ?? newSid("TR");
  const status = input.status ?? "completed";
  const params: TwilioParams = {
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
    CallSid: input.callSid,
    CallStatus: "completed",
    Direction: "inbound",
    From: input.from,
    To: input.to,
    RecordingSid: input.recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${input.recordingSid}`,
    TranscriptionSid: transcriptionSid,
    TranscriptionStatus: status,
    TranscriptionType: "fast",
    TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${input.recordingSid}/Transcriptions/${transcriptionSid}`,
    url: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${input.recordingSid}/Transcriptions/${transcriptionSid}`,
    ...(status === "completed" ? { TranscriptionText: input.text ?? "" } : {}),
    ...input.extraParams,
  };
  return postSigned(input, input.path ?? "/api/webhooks/twilio/transcription", input.callSid, params);
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
