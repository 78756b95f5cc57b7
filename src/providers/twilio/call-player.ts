import { randomBytes } from "node:crypto";
import { parse, type TwimlElement } from "./emulator/twiml-check";
import { signTwilioRequest, type TwilioParams } from "./signature";
import { inboundCallParams, newSid, simulateIncomingCall, simulateStatusCallback } from "./simulator";

/**
 * Plays a whole simulated phone call the way Twilio would run it (tests, demo mode and
 * `npm run simulate:call`): the incoming-call webhook, then the TwiML it answers, verb by verb:
 * - <Say> is heard (recorded in `events`); <Pause> passes; <Hangup>/<Reject> end the call;
 * - <Connect><Stream> opens the assistant's media stream (the Vapi emulator's HTTP stand-in, with
 *   the caller's lines); when it ends, a calls(sid).update the server made meanwhile (read from the
 *   Twilio emulator) replaces the document, else the <Connect action> is asked what next;
 * - <Dial> rings its <Number>s: each simulated staff phone answers, declines or does not answer
 *   (`staff`); an answered leg with a `url` hears the whisper and presses 1 (answer) or 9 (decline)
 *   at its <Gather>; the <Dial action> gets DialCallStatus (completed when a leg was bridged,
 *   else no-answer) and its answer is played next;
 * - <Record> leaves a voicemail: its action gets RecordingUrl/RecordingSid/RecordingDuration (and
 *   recordingStatusCallback, when set, the completed recording; with transcribe="true", the
 *   transcribeCallback then gets the transcription, as Twilio sends it after the action); the
 *   Twilio emulator, when given, then holds the recording and transcription;
 * - <Redirect> fetches the next document.
 * Every request is signed as Twilio signs it. At the end the status callback says completed.
 */

export type StaffBehaviour = "answer" | "decline" | "no-answer";

export interface PlayCallInput {
  /** Where requests go, e.g. http://127.0.0.1:3000. */
  appUrl: string;
  /** PUBLIC_BASE_URL (the signed origin); default appUrl. */
  publicBaseUrl?: string;
  authToken: string;
  /** The Twilio REST emulator the app's TWILIO_API_URL points at (to see calls(sid).update). */
  twilio?: { url: string; accountSid: string };
  to: string;
  from: string;
  callSid?: string;
  callerSays: string[];
  /** Extra parameters of the incoming-call webhook (e.g. ClinicallDemoHours in demo mode). */
  incomingParams?: Record<string, string>;
  /** How every staff phone behaves, or per number (E.164) with a default. Default no-answer. */
  staff?: StaffBehaviour | { default: StaffBehaviour; byNumber: Record<string, StaffBehaviour> };
  /** Passed to the assistant's stream (e.g. endedReason to simulate Vapi failing mid-call). */
  stream?: Record<string, unknown>;
  /** Run when the assistant's stream has ended, before looking for an update (tests run jobs here). */
  afterStream?: (stream: StreamResult) => Promise<void>;
  /** How long to wait for the server's calls(sid).update after a transfer was asked for (default 15 s). */
  transferWaitMs?: number;
  /** Seconds of the voicemail the caller leaves (default 12; 0 leaves none). */
  voicemailSeconds?: number;
  /** What the voicemail says, as Twilio's transcription of it (when the <Record> asks for one). */
  voicemailText?: string;
  /** Seconds a bridged staff conversation lasts (default 45). */
  talkSeconds?: number;
}

interface StreamResult {
  status: number;
  /** The assistant's function tools on this call (what it could do: transfer_to_staff only with someone to ring). */
  offeredTools?: string[];
  transcript?: string;
  endedReason?: string;
  toolResults?: { name: string; result?: unknown; error?: string }[];
}

export type CallEvent =
  | { type: "say"; text: string; to: "caller" | string }
  | { type: "stream"; result: StreamResult }
  | { type: "update"; twiml?: string; status?: string }
  | { type: "dial"; numbers: string[]; status: string; answeredBy?: string }
  | { type: "whisper"; number: string; heard: string; pressed: string; accepted: boolean }
  | { type: "record"; recordingSid: string; seconds: number }
  | { type: "transcription"; transcriptionSid: string }
  | { type: "request"; url: string; status: number }
  | { type: "hangup" };

export interface PlayedCall {
  callSid: string;
  events: CallEvent[];
  /** The first answer of the incoming-call webhook. */
  firstTwiml: string;
  /** A request the app refused (non-2xx), which ends the call as Twilio would. */
  failed?: { url: string; status: number; body: string };
}

const MAX_DOCUMENTS = 20;

export async function playCall(input: PlayCallInput): Promise<PlayedCall> {
  const callSid = input.callSid ?? newSid("CA");
  const base = (input.publicBaseUrl ?? input.appUrl).replace(/\/+$/, "");
  const events: CallEvent[] = [];
  const played: PlayedCall = { callSid, events, firstTwiml: "" };
  let seenUpdates = 0;
  if (input.twilio) {
    await twilioControl(input, "POST", "/_emulator/calls", new URLSearchParams({ CallSid: callSid, From: input.from, To: input.to }));
  }
  const first = await simulateIncomingCall({
    baseUrl: input.appUrl,
    signedBaseUrl: base,
    authToken: input.authToken,
    to: input.to,
    from: input.from,
    callSid,
    extraParams: input.incomingParams,
  });
  events.push({ type: "request", url: first.signedUrl, status: first.status });
  played.firstTwiml = first.body;
  if (first.status !== 200) {
    played.failed = { url: first.signedUrl, status: first.status, body: first.body };
    return played;
  }
  const callParams = inboundCallParams({ to: input.to, from: input.from, callSid });
  let document: string | null = first.body;
  let documentUrl = first.signedUrl;

  /** POSTs a signed callback (absolute or relative to the current document) and returns its TwiML, or null when refused. */
  const post = async (target: string, params: TwilioParams): Promise<string | null> => {
    const signedUrl = new URL(target, documentUrl).toString();
    const response = await fetch(signedUrl.replace(base, input.appUrl.replace(/\/+$/, "")), {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest({ authToken: input.authToken, url: signedUrl, params }),
        "i-twilio-idempotency-token": randomBytes(16).toString("hex"),
      },
      body: new URLSearchParams(params as Record<string, string>).toString(),
    });
    const body = await response.text();
    events.push({ type: "request", url: signedUrl, status: response.status });
    if (!response.ok) {
      played.failed = { url: signedUrl, status: response.status, body: body.slice(0, 500) };
      return null;
    }
    documentUrl = signedUrl;
    return body;
  };

  const nextUpdate = async (waitMs: number): Promise<{ twiml?: string; status?: string } | null> => {
    if (!input.twilio) return null;
    const answer = (await twilioControl(input, "GET", `/_emulator/calls/${callSid}/updates?since=${seenUpdates}&waitMs=${waitMs}`)) as {
      updates: { twiml?: string; status?: string }[];
      total: number;
    };
    seenUpdates = answer.total;
    const update = answer.updates.at(-1);
    if (update) events.push({ type: "update", twiml: update.twiml, status: update.status });
    return update ?? null;
  };

  let documents = 0;
  run: while (document !== null && documents++ < MAX_DOCUMENTS) {
    const root = parse(document.replace(/^\s*<\?xml[^?]*\?>/, ""));
    if (root?.name !== "Response") break;
    let next: string | null | undefined;
    for (const verb of root.children) {
      switch (verb.name) {
        case "Say":
          events.push({ type: "say", text: verb.text.trim(), to: "caller" });
          break;
        case "Hangup":
        case "Reject":
          events.push({ type: "hangup" });
          break run;
        case "Redirect":
          next = await post(verb.text.trim(), { ...callParams, CallStatus: "in-progress" });
          break;
        case "Connect":
          next = await playConnect(verb);
          if (next === undefined) continue;
          break;
        case "Dial":
          next = await playDial(verb);
          if (next === undefined) continue;
          break;
        case "Record":
          next = await playRecord(verb);
          if (next === undefined) continue;
          break;
        default:
          continue;
      }
      if (next !== undefined) break;
    }
    if (next === undefined || next === null) break;
    document = next;
  }

  await simulateStatusCallback({
    baseUrl: input.appUrl,
    signedBaseUrl: base,
    authToken: input.authToken,
    to: input.to,
    from: input.from,
    callSid,
  }).catch(() => undefined);
  return played;

  /** The assistant's stream; then an update the server made, else the <Connect action>. Undefined: go on to the next verb. */
  async function playConnect(connect: TwimlElement): Promise<string | null | undefined> {
    const stream = connect.children.find((child) => child.name === "Stream");
    if (stream?.attributes.url) {
      const response = await fetch(stream.attributes.url.replace(/^ws/, "http"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...input.stream, callerSays: input.callerSays }),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      const result: StreamResult = response.ok ? { status: response.status, ...(JSON.parse(text) as object) } : { status: response.status };
      events.push({ type: "stream", result });
      await input.afterStream?.(result);
      const askedForTransfer = result.toolResults?.some((tool) => tool.name === "transfer_to_staff" && tool.error === undefined);
      const update = await nextUpdate(askedForTransfer ? (input.transferWaitMs ?? 15_000) : 0);
      if (update?.status) return null;
      if (update?.twiml) return update.twiml;
    }
    const action = connect.attributes.action;
    if (!action) return undefined;
    return post(action, { ...callParams, CallStatus: "in-progress" });
  }

  async function playDial(dial: TwimlElement): Promise<string | null | undefined> {
    const numbers = dial.children.filter((child) => child.name === "Number");
    const legs = numbers.length > 0 ? numbers : [{ name: "Number", attributes: {}, children: [], text: dial.text } as TwimlElement];
    let bridged: string | undefined;
    for (const leg of legs) {
      const number = leg.text.trim();
      if (behaviourOf(number) === "no-answer") continue;
      if (await legAccepts(leg, number, dial.attributes.callerId ?? input.to)) {
        bridged = number;
        break;
      }
    }
    const status = bridged ? "completed" : "no-answer";
    events.push({ type: "dial", numbers: legs.map((leg) => leg.text.trim()), status, answeredBy: bridged });
    const action = dial.attributes.action;
    if (!action) return bridged ? null : undefined;
    return post(action, {
      ...callParams,
      CallStatus: "in-progress",
      DialCallStatus: status,
      ...(bridged ? { DialCallSid: newSid("CA"), DialCallDuration: String(input.talkSeconds ?? 45) } : {}),
    });
  }

  /** A staff phone that picked up: the whisper (if any), then the key it presses. */
  async function legAccepts(leg: TwimlElement, number: string, callerId: string): Promise<boolean> {
    const behaviour = behaviourOf(number);
    const url = leg.attributes.url;
    if (!url) return behaviour === "answer";
    const childParams: TwilioParams = {
      AccountSid: callParams.AccountSid!,
      ApiVersion: "2010-04-01",
      CallSid: newSid("CA"),
      ParentCallSid: callSid,
      CallStatus: "in-progress",
      Direction: "outbound-dial",
      From: callerId,
      To: number,
    };
    const whisper = await post(url, childParams);
    const root = whisper ? parse(whisper.replace(/^\s*<\?xml[^?]*\?>/, "")) : null;
    if (!root) return false;
    let heard = "";
    for (const verb of root.children) {
      if (verb.name === "Say") heard += `${verb.text.trim()} `;
      if (verb.name === "Hangup") break;
      if (verb.name === "Gather") {
        heard += verb.children
          .filter((child) => child.name === "Say")
          .map((child) => child.text.trim())
          .join(" ");
        const pressed = behaviour === "answer" ? "1" : "9";
        const answer = verb.attributes.action ? await post(verb.attributes.action, { ...childParams, Digits: pressed }) : null;
        const accepted = answer !== null && !/<Hangup/.test(answer);
        events.push({ type: "whisper", number, heard: heard.trim(), pressed, accepted });
        return accepted;
      }
    }
    events.push({ type: "whisper", number, heard: heard.trim(), pressed: "", accepted: false });
    return false;
  }

  async function playRecord(record: TwimlElement): Promise<string | null | undefined> {
    const seconds = input.voicemailSeconds ?? 12;
    if (seconds <= 0 || !record.attributes.action) return undefined;
    const recordingSid = newSid("RE");
    const accountSid = input.twilio?.accountSid ?? callParams.AccountSid!;
    const recordingUrl = `${input.twilio?.url ?? "https://api.twilio.com"}/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`;
    events.push({ type: "record", recordingSid, seconds });
    const recording = { RecordingSid: recordingSid, RecordingUrl: recordingUrl, RecordingDuration: String(seconds) };
    // Twilio transcribes recordings of 2 to 120 seconds, after the action.
    const transcribed = record.attributes.transcribe === "true" && seconds >= 2 && seconds <= 120;
    const transcriptionSid = newSid("TR");
    const transcriptionText = input.voicemailText ?? "Hello, please call me back about my appointment.";
    if (input.twilio) {
      // The account now holds the recording (and its transcription), as Twilio would.
      const form = new URLSearchParams({ CallSid: callSid, RecordingSid: recordingSid, Duration: String(seconds) });
      if (transcribed) {
        form.set("TranscriptionSid", transcriptionSid);
        form.set("TranscriptionText", transcriptionText);
      }
      await twilioControl(input, "POST", "/_emulator/recordings", form);
    }
    if (record.attributes.recordingStatusCallback) {
      await post(record.attributes.recordingStatusCallback, { ...callParams, ...recording, RecordingStatus: "completed" });
    }
    const next = await post(record.attributes.action, { ...callParams, CallStatus: "in-progress", ...recording, Digits: "#" });
    if (transcribed && record.attributes.transcribeCallback) {
      await post(record.attributes.transcribeCallback, {
        ...callParams,
        CallStatus: "completed",
        ...recording,
        TranscriptionSid: transcriptionSid,
        TranscriptionStatus: "completed",
        TranscriptionType: "fast",
        TranscriptionUrl: `${recordingUrl}/Transcriptions/${transcriptionSid}`,
        TranscriptionText: transcriptionText,
      });
      events.push({ type: "transcription", transcriptionSid });
    }
    return next;
  }

  function behaviourOf(number: string): StaffBehaviour {
    const staff = input.staff ?? "no-answer";
    if (typeof staff === "string") return staff;
    return staff.byNumber[number] ?? staff.default;
  }
}

async function twilioControl(input: PlayCallInput, method: "GET" | "POST", path: string, form?: URLSearchParams): Promise<unknown> {
  const twilio = input.twilio!;
  const response = await fetch(`${twilio.url}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${input.authToken}`).toString("base64")}`,
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form?.toString(),
  });
  if (!response.ok) throw new Error(`Twilio emulator ${method} ${path}: HTTP ${response.status}`);
  return response.json();
}
