import { describe, expect, it } from "vitest";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as statusRoute from "@/app/api/webhooks/twilio/status/route";
import * as voicemailRoute from "@/app/api/webhooks/twilio/voicemail/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { signTwilioRequest } from "@/providers/twilio/signature";
import { BASE_URL, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const TWILIO_TOKEN = "bad-input-twilio-token";
const VAPI_SECRET = "bad-input-vapi-webhook-secret";
const test = useTestApp({
  env: () => ({
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: "bad-input-key",
    VAPI_API_URL: "http://127.0.0.1:9",
    VAPI_WEBHOOK_SECRET: VAPI_SECRET,
    VAPI_CALL_TIMEOUT_MS: "500",
    DEMO: "0",
  }),
});

/** The classes of bad provider input, each a value to put where a string, number or time belongs. */
const NUL = "a\u0000b";
const HUGE = "9".repeat(1_000_000);
const badValues: Record<string, unknown> = {
  nul: NUL,
  huge: HUGE,
  overflowNumber: 1e300,
  bigInteger: 2 ** 40,
  negative: -1e20,
  yearZero: "0000-01-01T00:00:00Z",
  farFutureMs: 1e15,
  impossibleDate: "2026-13-45T99:99:99Z",
};

/**
 * Cases that still answer 500 today (issue 12, section 5): each is an `it.fails`, so the suite
 * stays green and a fix flips it to a failure that says to move the case out of this list.
 */
const KNOWN_5XX = new Set(["vapi nul", "vapi huge", "vapi yearZero", "vapi impossibleDate", "twilio nul", "twilio huge", "twilio yearZero", "twilio impossibleDate"]);
const cases = (kind: string, entries: [string, unknown][]) =>
  entries.map(([name, value]) => ({ name, value, known: KNOWN_5XX.has(`${kind} ${name}`) }));

function deepArray(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

async function vapi(body: string) {
  return vapiRoute.POST(
    new Request(`${BASE_URL}/api/webhooks/vapi`, {
      method: "POST",
      headers: { "x-vapi-secret": VAPI_SECRET, "content-type": "application/json" },
      body,
    }),
  );
}

async function twilio(handler: (req: Request) => Promise<Response>, path: string, params: Record<string, string>) {
  const url = `${BASE_URL}${path}`;
  return handler(
    new Request(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest({ authToken: TWILIO_TOKEN, url, params }),
      },
      body: new URLSearchParams(params),
    }),
  );
}

describe("bad provider input never becomes a 5xx", () => {
  for (const { name, value: bad, known } of cases("vapi", Object.entries(badValues))) (known ? it.fails : it)(`Vapi messages with ${name} in every field`, async () => {
    const f = createFactories(test.db().db);
    const org = await f.createOrganisation();
    const number = await f.createPhoneNumber(org);
    const call = await f.createCall(org, { phoneNumberId: number.id, status: "in-progress" });
    const metadata = { organisation_id: org.id, phone_number_id: number.id, call_id: call.id };
    const messages = [
      { type: "status-update", status: "ended", endedReason: bad, timestamp: bad, call: { id: call.vapiCallId, metadata } },
      { type: "status-update", status: "ended", call: { id: bad, metadata } },
      {
        type: "end-of-call-report",
        endedReason: bad,
        startedAt: bad,
        endedAt: bad,
        cost: bad,
        durationSeconds: bad,
        timestamp: bad,
        call: { id: call.vapiCallId, metadata },
        artifact: { transcript: bad, recordingUrl: bad, messages: [{ role: "bot", message: bad, time: bad, secondsFromStart: bad }] },
        analysis: { summary: bad, successEvaluation: bad },
      },
      { type: "end-of-call-report", call: { id: bad, metadata: { ...metadata, call_id: bad } }, cost: bad, startedAt: bad },
      { type: "tool-calls", call: { id: call.vapiCallId, metadata }, toolCallList: [{ id: bad, type: "function", function: { name: bad, arguments: { date: bad } } }] },
    ];
    for (const message of messages) {
      const res = await vapi(JSON.stringify({ message }));
      expect(res.status, JSON.stringify(message).slice(0, 300)).toBeLessThan(500);
    }
  });

  it("very deep JSON is answered 4xx", async () => {
    const res = await vapi(`{"message":${deepArray(10_000)}}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  for (const { name, value: bad, known } of cases("twilio", Object.entries(badValues).filter(([, v]) => typeof v === "string"))) (known ? it.fails : it)(`Twilio callbacks with ${name} in every field`, async () => {
    const f = createFactories(test.db().db);
    const org = await f.createOrganisation();
    const number = await f.createPhoneNumber(org);
    const call = await f.createCall(org, { phoneNumberId: number.id, status: "in-progress" });
    const value = String(bad);
    const forms: [typeof twilioRoute.POST, string, Record<string, string>][] = [
      [twilioRoute.POST, "/api/webhooks/twilio", { CallSid: value, To: value, From: value, CallStatus: "ringing" }],
      [twilioRoute.POST, "/api/webhooks/twilio", { CallSid: call.twilioCallSid!, To: number.phoneNumber, From: value, CallStatus: value }],
      [statusRoute.POST, "/api/webhooks/twilio/status", { CallSid: call.twilioCallSid!, CallStatus: "completed", CallDuration: value, Timestamp: value }],
      [statusRoute.POST, "/api/webhooks/twilio/status", { CallSid: call.twilioCallSid!, CallStatus: "completed", CallDuration: "99999999999999" }],
      [voicemailRoute.POST, "/api/webhooks/twilio/voicemail", { CallSid: call.twilioCallSid!, RecordingUrl: value, RecordingDuration: value, RecordingSid: value }],
      [voicemailRoute.POST, "/api/webhooks/twilio/voicemail", { CallSid: call.twilioCallSid!, RecordingUrl: "https://api.twilio.com/r/RE1", RecordingDuration: "99999999999999" }],
    ];
    for (const [handler, path, params] of forms) {
      const res = await twilio(handler as (req: Request) => Promise<Response>, path, params);
      expect(res.status, `${path} ${JSON.stringify(params).slice(0, 200)}`).toBeLessThan(500);
    }
  });
});
