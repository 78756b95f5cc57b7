import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTwilioEmulator, type TwilioEmulator } from "@/providers/twilio/emulator";
import { createTwilioRestClient } from "@/providers/twilio/rest-client";

const ACCOUNT = `AC${"1".repeat(32)}`;
const TOKEN = "t".repeat(32);

let emulator: TwilioEmulator;
beforeAll(async () => {
  emulator = await startTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const client = () => createTwilioRestClient({ accountSid: ACCOUNT, authToken: TOKEN, apiUrl: emulator.url });
const DIAL = '<Response><Dial action="https://clinic.example/api/x" timeout="20"><Number>+15551230001</Number></Dial></Response>';

async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: number; message: string };
  }
  throw new Error("expected the request to fail");
}

describe("Twilio REST emulator through the twilio package", () => {
  it("updates a live call with TwiML, records it and tells the listeners", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const seen: string[] = [];
    const stop = emulator.onCallUpdate((updated, update) => seen.push(`${updated.sid}:${update.document?.children[0]?.name}`));
    const updated = await client().calls(call.sid).update({ twiml: DIAL });
    stop();
    expect(updated.sid).toBe(call.sid);
    expect(updated.status).toBe("in-progress");
    expect(updated.accountSid).toBe(ACCOUNT);
    expect(call.updates).toHaveLength(1);
    expect(call.updates[0]?.document?.children[0]?.attributes.action).toBe("https://clinic.example/api/x");
    expect(seen).toEqual([`${call.sid}:Dial`]);
    expect(emulator.state.requests.at(-1)).toMatchObject({ method: "POST", status: 200 });
  });

  it("hangs up a live call with Status=completed, and then refuses to redirect it", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    await client().calls(call.sid).update({ status: "completed" });
    expect(call.status).toBe("completed");
    const error = await rejection(client().calls(call.sid).update({ twiml: DIAL }));
    expect(error).toMatchObject({ status: 400, code: 21220 });
  });

  it("refuses a wrong auth token, another account and an unknown call like Twilio", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const wrong = createTwilioRestClient({ accountSid: ACCOUNT, authToken: "x".repeat(32), apiUrl: emulator.url });
    expect(await rejection(wrong.calls(call.sid).update({ twiml: DIAL }))).toMatchObject({ status: 401, code: 20003 });
    const other = `AC${"2".repeat(32)}`;
    const response = await fetch(`${emulator.url}/2010-04-01/Accounts/${other}/Calls/${call.sid}.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404, status: 404, more_info: "https://www.twilio.com/docs/errors/20404" });
    expect(
      await rejection(
        client()
          .calls(`CA${"0".repeat(32)}`)
          .update({ twiml: DIAL }),
      ),
    ).toMatchObject({ status: 404, code: 20404 });
    expect(call.updates).toHaveLength(0);
  });

  it("refuses bad TwiML: relative callback, too long, not XML, not a Response; and bad Url/Status", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const cases: [Record<string, string>, number][] = [
      [{ twiml: '<Response><Dial action="/api/x"><Number>+15551230001</Number></Dial></Response>' }, 15004],
      [{ twiml: `<Response><Say>${"a".repeat(4000)}</Say></Response>` }, 32018],
      [{ twiml: "<Response><Say>unclosed</Response>" }, 12100],
      [{ twiml: "<Dial>+15551230001</Dial>" }, 12100],
      [{ url: "/relative" }, 21205],
      [{ status: "ringing" }, 20001],
      [{}, 20001],
    ];
    for (const [params, code] of cases) {
      const error = await rejection(
        client()
          .calls(call.sid)
          .update(params as never),
      );
      expect({ params, code: error.code, status: error.status }).toEqual({ params, code, status: 400 });
    }
    expect(call.updates).toHaveLength(0);
  });

  it("refuses a JSON body", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const response = await fetch(`${emulator.url}/2010-04-01/Accounts/${ACCOUNT}/Calls/${call.sid}.json`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify({ Twiml: DIAL }),
    });
    expect(response.status).toBe(400);
    expect(call.updates).toHaveLength(0);
  });

  it("holds a voicemail's recording and transcription, lists and deletes them: 204, then 404; auth required", async () => {
    const { recording, transcription } = emulator.registerRecording({
      callSid: `CA${"3".repeat(32)}`,
      seconds: 14,
      transcription: { text: "Please call me back" },
    });
    const fetched = await client().recordings(recording.sid).fetch();
    expect(fetched).toMatchObject({ sid: recording.sid, callSid: `CA${"3".repeat(32)}`, duration: "14" });
    const listed = await client().recordings(recording.sid).transcriptions.list();
    expect(listed.map((t) => [t.sid, t.transcriptionText])).toEqual([[transcription!.sid, "Please call me back"]]);

    // A wrong token deletes nothing (20003), as everywhere else.
    const wrong = createTwilioRestClient({ accountSid: ACCOUNT, authToken: "x".repeat(32), apiUrl: emulator.url });
    expect(await rejection(wrong.recordings(recording.sid).remove())).toMatchObject({ status: 401, code: 20003 });
    expect(await rejection(wrong.transcriptions(transcription!.sid).remove())).toMatchObject({ status: 401, code: 20003 });
    expect(emulator.recordings.recordings).toHaveLength(1);

    expect(await client().transcriptions(transcription!.sid).remove()).toBe(true);
    expect(await client().recordings(recording.sid).remove()).toBe(true);
    expect(emulator.state.requests.filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([401, 401, 204, 204]);
    expect(emulator.recordings).toMatchObject({ recordings: [], transcriptions: [] });
    expect(emulator.recordings.deletions.map((d) => [d.resource, d.sid])).toEqual([
      ["transcription", transcription!.sid],
      ["recording", recording.sid],
    ]);
    // Gone: a second DELETE and a fetch are 404 (20404).
    expect(await rejection(client().recordings(recording.sid).remove())).toMatchObject({ status: 404, code: 20404 });
    expect(await rejection(client().transcriptions(transcription!.sid).remove())).toMatchObject({ status: 404, code: 20404 });
    expect(await rejection(client().recordings(recording.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
    expect(await client().recordings(recording.sid).transcriptions.list()).toEqual([]);
  });

  it("deletes a transcription under its recording's path too, and answers the failure it is told to", async () => {
    const { recording, transcription } = emulator.registerRecording({
      callSid: `CA${"4".repeat(32)}`,
      seconds: 5,
      transcription: { text: "Hi" },
    });
    emulator.setFailDeletes(503);
    expect(await rejection(client().recordings(recording.sid).remove())).toMatchObject({ status: 503 });
    expect(emulator.recordings.recordings).toHaveLength(1);
    emulator.setFailDeletes(false);
    expect(await client().recordings(recording.sid).transcriptions(transcription!.sid).remove()).toBe(true);
    expect(emulator.recordings.transcriptions).toEqual([]);
  });

  it("lets a call simulator in another process register what a <Record> left", async () => {
    const recordingSid = `RE${"5".repeat(32)}`;
    const response = await fetch(`${emulator.url}/_emulator/recordings`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        CallSid: `CA${"6".repeat(32)}`,
        RecordingSid: recordingSid,
        Duration: "9",
        TranscriptionText: "Hello",
      }).toString(),
    });
    expect(response.status).toBe(201);
    expect(emulator.recordings.recordings.map((r) => r.sid)).toEqual([recordingSid]);
    expect(emulator.recordings.transcriptions).toEqual([expect.objectContaining({ recordingSid, text: "Hello" })]);
  });
});
