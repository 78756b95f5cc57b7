import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as transcriptionRoute from "@/app/api/webhooks/twilio/transcription/route";
import * as voicemailRoute from "@/app/api/webhooks/twilio/voicemail/route";
import { signTwilioRequest } from "@/providers/twilio/signature";
import { newSid, simulateTranscriptionCallback, simulateVoicemailRecording } from "@/providers/twilio/simulator";
import { BASE_URL, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";

/**
 * Twilio's transcription of a voicemail (<Record transcribe transcribeCallback>): verified,
 * stored once on that recording's voicemail message in the call's clinic, redacted when the clinic
 * redacts, malformed → 400, another clinic's recording → nothing.
 */
const TOKEN = "transcription-test-token";
const test = useTestApp({
  jobs: "enqueue",
  env: () => ({ TWILIO_AUTH_TOKEN: TOKEN, VAPI_API_KEY: "k", VAPI_WEBHOOK_SECRET: "s".repeat(24), JOBS: "off", DEMO: "0" }),
});
const db = () => test.db().db;

function post(route: { POST: (req: Request) => Promise<Response> }, path: string, params: Record<string, string>, token = TOKEN) {
  const url = `${BASE_URL}${path}`;
  return route.POST(
    new Request(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest({ authToken: token, url, params }),
      },
      body: new URLSearchParams(params),
    }),
  );
}

/** A clinic with a call that left a voicemail (through the voicemail webhook). */
async function voicemail(options: { redact?: boolean } = {}) {
  const f = createFactories(db());
  const organisation = await f.createOrganisation();
  if (options.redact) await f.createAssistantSettings({ id: organisation.id }, { redactPersonalData: true });
  const call = await f.createCall({ id: organisation.id }, { twilioCallSid: newSid("CA"), fromNumber: "+447700900777" });
  const recordingSid = newSid("RE");
  const res = await post(voicemailRoute, "/api/webhooks/twilio/voicemail", {
    CallSid: call.twilioCallSid!,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/${recordingSid}`,
    RecordingSid: recordingSid,
    RecordingDuration: "14",
  });
  expect(res.status).toBe(200);
  return { organisation, call, recordingSid };
}

const transcription = (callSid: string, recordingSid: string, text: string, extra: Record<string, string> = {}) => ({
  AccountSid: `AC${"0".repeat(32)}`,
  CallSid: callSid,
  RecordingSid: recordingSid,
  RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/${recordingSid}`,
  TranscriptionSid: newSid("TR"),
  TranscriptionStatus: "completed",
  TranscriptionText: text,
  TranscriptionType: "fast",
  ...extra,
});

async function storedTranscription(organisationId: string): Promise<string | null> {
  const { rows } = await db().execute(
    sql`select transcription from public.messages where organisation_id = ${organisationId} and kind = 'voicemail'`,
  );
  return (rows[0]?.transcription as string | null) ?? null;
}

const PATH = "/api/webhooks/twilio/transcription";

describe("voicemail transcription webhook", () => {
  it("stores Twilio's transcription on the voicemail once; a redelivery or a later one changes nothing", async () => {
    const { organisation, call, recordingSid } = await voicemail();
    const first = transcription(call.twilioCallSid!, recordingSid, "Hi, this is Ann, please call me back about Tuesday.");
    expect((await post(transcriptionRoute, PATH, first)).status).toBe(204);
    expect(await storedTranscription(organisation.id)).toBe("Hi, this is Ann, please call me back about Tuesday.");
    expect((await post(transcriptionRoute, PATH, first)).status).toBe(204);
    expect((await post(transcriptionRoute, PATH, transcription(call.twilioCallSid!, recordingSid, "Something else"))).status).toBe(204);
    expect(await storedTranscription(organisation.id)).toBe("Hi, this is Ann, please call me back about Tuesday.");
  });

  it("refuses an unsigned or wrongly signed callback (403) and a malformed one (400), storing nothing", async () => {
    const { organisation, call, recordingSid } = await voicemail();
    const params = transcription(call.twilioCallSid!, recordingSid, "Hello");
    expect((await post(transcriptionRoute, PATH, params, "not-the-token")).status).toBe(403);
    const unsigned = await transcriptionRoute.POST(
      new Request(`${BASE_URL}${PATH}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(params),
      }),
    );
    expect(unsigned.status).toBe(403);
    for (const bad of [
      { ...params, CallSid: "CA-not-a-sid" },
      { ...params, RecordingSid: "RE\u0000" },
      { ...params, TranscriptionSid: "" },
      { ...params, TranscriptionStatus: "maybe" },
    ]) {
      expect((await post(transcriptionRoute, PATH, bad)).status).toBe(400);
    }
    expect(await storedTranscription(organisation.id)).toBeNull();
    // A failed transcription is acknowledged and stores nothing.
    const { TranscriptionText: _text, ...failed } = { ...params, TranscriptionStatus: "failed" };
    expect((await post(transcriptionRoute, PATH, failed)).status).toBe(204);
    expect(await storedTranscription(organisation.id)).toBeNull();
  });

  it("never writes another clinic's voicemail: the recording must belong to the call's clinic", async () => {
    const a = await voicemail();
    const b = await voicemail();
    // A's call, B's recording.
    expect((await post(transcriptionRoute, PATH, transcription(a.call.twilioCallSid!, b.recordingSid, "Injected"))).status).toBe(204);
    expect(await storedTranscription(b.organisation.id)).toBeNull();
    expect(await storedTranscription(a.organisation.id)).toBeNull();
    // An unknown call stores nothing either.
    expect((await post(transcriptionRoute, PATH, transcription(newSid("CA"), b.recordingSid, "Injected"))).status).toBe(204);
    expect(await storedTranscription(b.organisation.id)).toBeNull();
  });

  it("redacts the transcription when the clinic redacts personal data", async () => {
    const { organisation, call, recordingSid } = await voicemail({ redact: true });
    const text = "My card is 4242 4242 4242 4242 and my email is ann@example.com, call me back.";
    expect((await post(transcriptionRoute, PATH, transcription(call.twilioCallSid!, recordingSid, text))).status).toBe(204);
    const stored = await storedTranscription(organisation.id);
    expect(stored).toContain("[card number]");
    expect(stored).toContain("[email]");
    expect(stored).not.toContain("4242");
    expect(stored).not.toContain("ann@example.com");
  });

  it("Twilio as the simulator plays it: the recording, then its transcription, both on the one voicemail", async () => {
    const f = createFactories(db());
    const organisation = await f.createOrganisation();
    const call = await f.createCall({ id: organisation.id }, { twilioCallSid: newSid("CA"), fromNumber: "+447700900778" });
    const server = await startRouteServer({
      "/api/webhooks/twilio/voicemail": voicemailRoute.POST,
      "/api/webhooks/twilio/transcription": transcriptionRoute.POST,
    });
    try {
      const common = { baseUrl: server.url, signedBaseUrl: BASE_URL, authToken: TOKEN, to: "+442079460000", from: "+447700900778" };
      const recordingSid = newSid("RE");
      const recorded = await simulateVoicemailRecording({ ...common, callSid: call.twilioCallSid!, recordingSid, durationSeconds: 9 });
      expect(recorded.status).toBe(200);
      const transcribed = await simulateTranscriptionCallback({
        ...common,
        callSid: call.twilioCallSid!,
        recordingSid,
        text: "Please call me back after five.",
      });
      expect(transcribed.status).toBe(204);
    } finally {
      await server.close();
    }
    const { rows } = await db().execute(
      sql`select recording_seconds, transcription from public.messages where organisation_id = ${organisation.id} and kind = 'voicemail'`,
    );
    expect(rows).toEqual([{ recording_seconds: 9, transcription: "Please call me back after five." }]);
  });
});
