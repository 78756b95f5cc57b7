import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { emulatorLog } from "../../emulator-log";
import { newSid } from "../simulator";
import { callResource, getCall, notFound, updateCall } from "./calls";
import { readBody, sendJson, sendTwilioError } from "./http";
import { createMessage, type EmulatedMessage, type MessagingState, newMessagingState, reportStatus } from "./messages";
import {
  addRecording,
  type EmulatedRecording,
  type EmulatedTranscription,
  newRecordingsState,
  type RecordingInput,
  type RecordingsState,
  recordingResource,
  routeRecordings,
} from "./recordings";
import type { CallUpdate, EmulatedCallStatus, EmulatedTwilioCall, TwilioEmulatorState } from "./state";

/**
 * A Twilio REST emulator: a real HTTP server on loopback speaking the parts of Twilio's REST
 * contract Clinicall calls (api.twilio.com/2010-04-01), for tests and demo mode; never used in
 * production. Point TWILIO_API_URL at `url` and use TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN.
 *
 * - HTTP Basic auth with the account sid and auth token (20003 otherwise); the account in the
 *   path must be that account (20404 otherwise, as for anything unknown).
 * - Requests are form-encoded (`application/x-www-form-urlencoded`); JSON bodies are refused.
 * - `GET|POST /2010-04-01/Accounts/{sid}/Calls/{CallSid}.json`: read or modify a live call
 *   (calls.ts). Calls exist once `registerCall` made them (the call simulator registers the
 *   calls it places); an accepted update is recorded on the call and handed to `onCallUpdate`
 *   listeners, which is how a simulated call follows new TwiML.
 *
 * - Test control (not Twilio's API; same Basic auth), so a call simulator in another process can
 *   follow a live call: `POST /_emulator/calls` (form From, To, CallSid?) registers a call in
 *   progress; `GET /_emulator/calls/{CallSid}/updates?since=N&waitMs=M` answers the updates
 *   from the N-th on as JSON `{ updates: [{ twiml?, url?, status? }], total }`, waiting up to M ms
 *   (at most 30 s) for one when there is none yet.
 *
 * - `POST /2010-04-01/Accounts/{sid}/Messages.json`: send a text (messages.ts), with status
 *   callbacks on a schedule (`messaging.delays`); `registerMessagingService` / `registerNumber`
 *   say what the account may send from.
 *
 * - Recordings and transcriptions (recordings.ts): `GET`/`DELETE …/Recordings/{RE}.json`,
 *   `GET …/Recordings/{RE}/Transcriptions.json`, `GET`/`DELETE …/Transcriptions/{TR}.json`; 204 on
 *   delete, 404 (20404) for one not there. `registerRecording` (or `POST /_emulator/recordings`, form
 *   CallSid, RecordingSid?, Duration, TranscriptionSid?, TranscriptionText?) is what a <Record> left.
 */

export interface TwilioEmulatorOptions {
  accountSid: string;
  authToken: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface TwilioEmulator {
  /** http://127.0.0.1:<port>, the value for TWILIO_API_URL. */
  url: string;
  accountSid: string;
  state: TwilioEmulatorState;
  /** A call Twilio knows about (an inbound call ringing our webhook, or a live one). */
  registerCall(input: {
    sid?: string;
    from: string;
    to: string;
    status?: EmulatedCallStatus;
    direction?: EmulatedTwilioCall["direction"];
  }): EmulatedTwilioCall;
  findCall(sid: string): EmulatedTwilioCall | undefined;
  /** Called after every accepted calls(sid).update; returns an unsubscribe function. */
  onCallUpdate(listener: (call: EmulatedTwilioCall, update: CallUpdate) => void): () => void;
  /** Programmable Messaging: the account's services and numbers, sent messages, opt-outs, outcomes. */
  messaging: MessagingState;
  registerMessagingService(sid: string): void;
  registerNumber(number: string): void;
  /** Voicemail recordings (and transcriptions) the account holds, and the deletions it accepted. */
  recordings: RecordingsState;
  registerRecording(input: RecordingInput): { recording: EmulatedRecording; transcription?: EmulatedTranscription };
  /** Every DELETE of a recording or transcription answers `status` (e.g. 500) until called with false. */
  setFailDeletes(status: number | false): void;
  /** Waits until every scheduled status callback has been posted. */
  settled(): Promise<void>;
  /** Forgets calls and requests. */
  reset(): void;
  close(): Promise<void>;
}

const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/([^/]+)(\/.*)?$/;
const CALL_PATH = /^\/Calls\/([^/]+)\.json$/;
const MESSAGES_PATH = /^\/Messages\.json$/;

export async function startTwilioEmulator(options: TwilioEmulatorOptions): Promise<TwilioEmulator> {
  const state: TwilioEmulatorState = { calls: [], requests: [] };
  const listeners = new Set<(call: EmulatedTwilioCall, update: CallUpdate) => void>();
  const messaging = newMessagingState();
  const recordings = newRecordingsState();
  // Each scheduled status callback: its timer, and a promise settled once it has been posted (or
  // cancelled by close), so settled() waits on the callbacks themselves.
  const scheduled = new Map<Promise<void>, { timer: NodeJS.Timeout; cancel: () => void }>();

  /** sent after `delays.sent`, then delivered (or the outcome set for the number) after `delays.final`. */
  function schedule(message: EmulatedMessage): void {
    const later = (ms: number, run: () => Promise<void>) => {
      let cancel = () => {};
      let timer!: NodeJS.Timeout;
      const done: Promise<void> = new Promise<void>((resolve) => {
        cancel = resolve;
        timer = setTimeout(() => void run().finally(resolve), ms);
      }).finally(() => scheduled.delete(done));
      scheduled.set(done, { timer, cancel });
    };
    later(messaging.delays.sent, () => reportStatus(message, "sent", options.authToken));
    later(messaging.delays.final, async () => {
      const outcome = messaging.outcomes.get(message.to) ?? { status: "delivered" as const };
      await reportStatus(message, outcome.status, options.authToken, outcome.errorCode);
    });
  }
  const expectedAuth = Buffer.from(`Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`);

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://emulator").pathname;
    route(req, res, path)
      .then((status) => state.requests.push({ method: req.method ?? "GET", path, status }))
      .catch((error: unknown) => {
        emulatorLog.error({ err: error }, "twilio emulator: request failed");
        if (!res.headersSent) sendTwilioError(res, 500, 20500, "Internal Server Error");
        else res.destroy();
      });
  });
  server.keepAliveTimeout = 120_000;

  function authorised(req: IncomingMessage): boolean {
    const given = Buffer.from(req.headers.authorization ?? "");
    return given.length === expectedAuth.length && timingSafeEqual(given, expectedAuth);
  }

  function notify(call: EmulatedTwilioCall, update: CallUpdate): void {
    for (const listener of listeners) {
      try {
        listener(call, update);
      } catch (error) {
        emulatorLog.error({ err: error }, "twilio emulator: call update listener failed");
      }
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<number> {
    if (path.startsWith("/_emulator/")) return control(req, res, path);
    const account = ACCOUNT_PATH.exec(path);
    if (!account) return notFound(res, path);
    if (!authorised(req)) {
      sendTwilioError(res, 401, 20003, "Authenticate");
      return 401;
    }
    if (account[1] !== options.accountSid) return notFound(res, path);
    const resource = account[2] ?? "";
    if (MESSAGES_PATH.test(resource) && req.method === "POST") {
      const form = await readForm(req, res);
      if (!form) return res.statusCode;
      return createMessage(res, messaging, { sid: options.accountSid, authToken: options.authToken }, form, schedule);
    }
    const recordingStatus = routeRecordings(res, recordings, { sid: options.accountSid }, req.method ?? "GET", resource, path);
    if (recordingStatus !== undefined) return recordingStatus;
    const callMatch = CALL_PATH.exec(resource);
    if (callMatch) {
      const call = state.calls.find((candidate) => candidate.sid === callMatch[1]);
      if (req.method === "GET") return getCall(res, call, path);
      if (req.method === "POST") {
        const form = await readForm(req, res);
        if (!form) return res.statusCode;
        return updateCall(res, call, path, form, notify);
      }
    }
    return notFound(res, path);
  }

  function register(input: Parameters<TwilioEmulator["registerCall"]>[0]): EmulatedTwilioCall {
    const now = new Date();
    const status = input.status ?? "in-progress";
    const call: EmulatedTwilioCall = {
      sid: input.sid ?? newSid("CA"),
      accountSid: options.accountSid,
      from: input.from,
      to: input.to,
      direction: input.direction ?? "inbound",
      status,
      parentCallSid: null,
      dateCreated: now,
      startTime: status === "in-progress" ? now : null,
      endTime: null,
      updates: [],
    };
    state.calls.push(call);
    return call;
  }

  /** The test-control endpoints (see the header): register a call, wait for its updates. */
  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<number> {
    if (!authorised(req)) {
      sendTwilioError(res, 401, 20003, "Authenticate");
      return 401;
    }
    if (path === "/_emulator/calls" && req.method === "POST") {
      const form = await readForm(req, res);
      if (!form) return res.statusCode;
      const sid = form.get("CallSid") ?? undefined;
      if (sid !== undefined && !/^CA[0-9a-f]{32}$/i.test(sid)) {
        sendTwilioError(res, 400, 20001, "CallSid must be CA followed by 32 hex digits");
        return 400;
      }
      const existing = sid ? state.calls.find((call) => call.sid === sid) : undefined;
      const call = existing ?? register({ sid, from: form.get("From") ?? "", to: form.get("To") ?? "" });
      sendJson(res, 201, callResource(call));
      return 201;
    }
    if (path === "/_emulator/recordings" && req.method === "POST") {
      const form = await readForm(req, res);
      if (!form) return res.statusCode;
      const recordingSid = form.get("RecordingSid") ?? undefined;
      const transcriptionSid = form.get("TranscriptionSid") ?? undefined;
      if (
        (recordingSid !== undefined && !/^RE[0-9a-f]{32}$/i.test(recordingSid)) ||
        (transcriptionSid !== undefined && !/^TR[0-9a-f]{32}$/i.test(transcriptionSid))
      ) {
        sendTwilioError(res, 400, 20001, "RecordingSid must be RE, TranscriptionSid TR, followed by 32 hex digits");
        return 400;
      }
      const text = form.get("TranscriptionText");
      const { recording } = addRecording(recordings, {
        sid: recordingSid,
        callSid: form.get("CallSid") ?? "",
        seconds: Math.max(0, Number(form.get("Duration")) || 0),
        ...(text !== null ? { transcription: { sid: transcriptionSid, text } } : {}),
      });
      sendJson(res, 201, recordingResource(options.accountSid, recording));
      return 201;
    }
    const updates = /^\/_emulator\/calls\/([^/]+)\/updates$/.exec(path);
    if (updates && req.method === "GET") {
      const call = state.calls.find((candidate) => candidate.sid === updates[1]);
      if (!call) return notFound(res, path);
      const query = new URL(req.url ?? "/", "http://emulator").searchParams;
      const since = Math.max(0, Number(query.get("since")) || 0);
      const waitMs = Math.min(30_000, Math.max(0, Number(query.get("waitMs")) || 0));
      if (call.updates.length <= since && waitMs > 0) {
        await new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | undefined;
          const listener = (updated: EmulatedTwilioCall) => {
            if (updated.sid === call.sid) finish();
          };
          const finish = () => {
            clearTimeout(timer);
            listeners.delete(listener);
            resolve();
          };
          listeners.add(listener);
          timer = setTimeout(finish, waitMs);
        });
      }
      sendJson(res, 200, {
        updates: call.updates.slice(since).map(({ twiml, url, method, status }) => ({ twiml, url, method, status })),
        total: call.updates.length,
      });
      return 200;
    }
    return notFound(res, path);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accountSid: options.accountSid,
    state,
    registerCall: register,
    findCall: (sid) => state.calls.find((call) => call.sid === sid),
    messaging,
    registerMessagingService: (sid) => void messaging.services.add(sid),
    registerNumber: (number) => void messaging.numbers.add(number),
    recordings,
    registerRecording: (input) => addRecording(recordings, input),
    setFailDeletes(status) {
      recordings.failDeletes = status;
    },
    async settled() {
      // A callback's answer may schedule no more, but loop in case one did.
      while (scheduled.size > 0) await Promise.all([...scheduled.keys()]);
    },
    onCallUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      state.calls.length = 0;
      state.requests.length = 0;
      messaging.messages.length = 0;
      messaging.optOuts.clear();
      messaging.outcomes.clear();
      recordings.recordings.length = 0;
      recordings.transcriptions.length = 0;
      recordings.deletions.length = 0;
      recordings.failDeletes = false;
    },
    close() {
      for (const { timer, cancel } of scheduled.values()) {
        clearTimeout(timer);
        cancel();
      }
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The form body, or an error answer (and undefined) for a body that is not a form or too large. */
async function readForm(req: IncomingMessage, res: ServerResponse): Promise<URLSearchParams | undefined> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const text = await readBody(req);
  if (text === undefined) {
    sendTwilioError(res, 413, 20001, "Request body too large");
    return undefined;
  }
  if (type !== "application/x-www-form-urlencoded" && text !== "") {
    sendTwilioError(res, 400, 20001, "Content-Type must be application/x-www-form-urlencoded");
    return undefined;
  }
  return new URLSearchParams(text);
}
