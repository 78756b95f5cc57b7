import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as statusRoute from "@/app/api/webhooks/twilio/status/route";
import * as voicemailRoute from "@/app/api/webhooks/twilio/voicemail/route";
import { TEXT_LIMITS } from "@/providers/provider-values";
import { setDatabase } from "@/server/db/database";
import { calls } from "@/server/db/schema";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { signedWebhooks } from "../helpers/signed-webhooks";
import { createTestDatabase } from "../helpers/test-database";

const { env, twilio, vapi } = signedWebhooks("bad-input");
const test = useTestApp({ jobs: "enqueue", env: () => env });

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

function deepArray(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

describe("bad provider input never becomes a 5xx", () => {
  for (const [name, bad] of Object.entries(badValues))
    it(`Vapi messages with ${name} in every field`, async () => {
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
        {
          type: "tool-calls",
          call: { id: call.vapiCallId, metadata },
          toolCallList: [{ id: bad, type: "function", function: { name: bad, arguments: { date: bad } } }],
        },
      ];
      for (const message of messages) {
        const res = await vapi(JSON.stringify({ message }));
        expect.soft(res.status, JSON.stringify(message).slice(0, 300)).toBeLessThan(500);
      }
    });

  it("very deep JSON is answered 4xx", async () => {
    const res = await vapi(`{"message":${deepArray(10_000)}}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  for (const [name, bad] of Object.entries(badValues).filter(([, v]) => typeof v === "string"))
    it(`Twilio callbacks with ${name} in every field`, async () => {
      const f = createFactories(test.db().db);
      const org = await f.createOrganisation();
      const number = await f.createPhoneNumber(org);
      const call = await f.createCall(org, { phoneNumberId: number.id, status: "in-progress" });
      const value = String(bad);
      const forms: [typeof twilioRoute.POST, string, Record<string, string>][] = [
        [twilioRoute.POST, "/api/webhooks/twilio", { CallSid: value, To: value, From: value, CallStatus: "ringing" }],
        [
          twilioRoute.POST,
          "/api/webhooks/twilio",
          { CallSid: call.twilioCallSid!, To: number.phoneNumber, From: value, CallStatus: value },
        ],
        [
          statusRoute.POST,
          "/api/webhooks/twilio/status",
          { CallSid: call.twilioCallSid!, CallStatus: "completed", CallDuration: value, Timestamp: value },
        ],
        [
          statusRoute.POST,
          "/api/webhooks/twilio/status",
          { CallSid: call.twilioCallSid!, CallStatus: "completed", CallDuration: "99999999999999" },
        ],
        [
          voicemailRoute.POST,
          "/api/webhooks/twilio/voicemail",
          { CallSid: call.twilioCallSid!, RecordingUrl: value, RecordingDuration: value, RecordingSid: value },
        ],
        [
          voicemailRoute.POST,
          "/api/webhooks/twilio/voicemail",
          { CallSid: call.twilioCallSid!, RecordingUrl: "https://api.twilio.com/r/RE1", RecordingDuration: "99999999999999" },
        ],
      ];
      for (const [handler, path, params] of forms) {
        const res = await twilio(handler as (req: Request) => Promise<Response>, path, params);
        expect.soft(res.status, `${path} ${JSON.stringify(params).slice(0, 200)}`).toBeLessThan(500);
      }
    });
});

describe("what bad provider input leaves in the database", () => {
  it("stores text without control characters, cut to its column's size, and drops absurd times and amounts", async () => {
    const f = createFactories(test.db().db);
    const org = await f.createOrganisation();
    const number = await f.createPhoneNumber(org);
    const call = await f.createCall(org, { phoneNumberId: number.id, status: "in-progress" });
    const message = {
      type: "end-of-call-report",
      endedReason: "customer\u0000-ended-call",
      startedAt: "0000-01-01T00:00:00Z",
      endedAt: "2026-12-05T10:00:00Z",
      cost: 1e300,
      call: { id: call.vapiCallId, metadata: { organisation_id: org.id, phone_number_id: number.id, call_id: call.id } },
      artifact: { transcript: "hello\u0000\u0007 there\ud800", messages: [{ role: "user", message: NUL }] },
      analysis: { summary: HUGE, structuredData: { "k\u0000": NUL } },
    };
    expect((await vapi(JSON.stringify({ message }))).status).toBe(200);
    const [row] = await test.db().db.select().from(calls).where(eq(calls.id, call.id));
    expect(row).toMatchObject({
      status: "ended",
      endedReason: "customer-ended-call",
      startedAt: null,
      cost: null,
      durationSeconds: null,
      transcript: "hello there\ufffd",
      messages: [{ role: "user", message: "ab" }],
      structuredData: { k: "ab" },
    });
    expect(row!.endedAt?.toISOString()).toBe("2026-12-05T10:00:00.000Z");
    expect(row!.summary).toHaveLength(TEXT_LIMITS.summary);
  });

  it("refuses a Vapi message whose call id is not an id, and a Twilio status without a real CallSid", async () => {
    for (const id of [NUL, HUGE.slice(0, 1000), "has space"]) {
      expect((await vapi(JSON.stringify({ message: { type: "status-update", status: "ended", call: { id } } }))).status).toBe(400);
    }
    const res = await twilio(statusRoute.POST as (req: Request) => Promise<Response>, "/api/webhooks/twilio/status", {
      CallSid: NUL,
      CallStatus: "completed",
    });
    expect(res.status).toBe(400);
  });
});

describe("when the database is down", () => {
  it("the voicemail and status callbacks still answer valid TwiML", async () => {
    const down = await createTestDatabase();
    await down.close();
    setDatabase(down);
    try {
      const callSid = `CA${"0".repeat(32)}`;
      const status = await twilio(statusRoute.POST as (req: Request) => Promise<Response>, "/api/webhooks/twilio/status", {
        CallSid: callSid,
        CallStatus: "completed",
        CallDuration: "61",
      });
      expect(status.status).toBe(200);
      expect(status.headers.get("content-type")).toContain("text/xml");
      expect(await status.text()).toMatch(/<Response\s*\/>|<Response><\/Response>/);
      const voicemail = await twilio(voicemailRoute.POST as (req: Request) => Promise<Response>, "/api/webhooks/twilio/voicemail", {
        CallSid: callSid,
        RecordingUrl: "https://api.twilio.com/r/RE1",
      });
      expect(voicemail.status).toBe(200);
      expect(await voicemail.text()).toMatch(/<Response>.*<Say[^>]*>Thank you\..*<Hangup\/><\/Response>/s);
    } finally {
      setDatabase(test.db());
    }
  });
});
