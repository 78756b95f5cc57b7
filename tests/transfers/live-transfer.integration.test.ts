import { describe, expect, it } from "vitest";
import type { CallEvent } from "@/providers/twilio/call-player";
import { signTwilioRequest } from "@/providers/twilio/signature";
import { simulateStatusCallback } from "@/providers/twilio/simulator";
import { validateAssistant } from "@/providers/vapi/openapi";
import { TWILIO_TOKEN, useTransferWorld } from "./transfer-kit";

const world = await useTransferWorld();

const whispers = (events: CallEvent[]) => events.flatMap((e) => (e.type === "whisper" ? [e] : []));
const said = (events: CallEvent[]) => events.flatMap((e) => (e.type === "say" ? [e.text] : [])).join(" ");

describe("transfer_to_staff during a call", () => {
  it("offers transfer_to_staff (valid for Vapi) and no transferCall when the clinic has staff numbers", async () => {
    const { number } = await world.clinic();
    await world.play(number.phoneNumber, { callerSays: ["When are you open?"] });
    const assistant = world.vapi.state.calls.at(-1)!.body as {
      assistant: { model: { tools: { type: string; function?: { name: string } }[] } };
    };
    expect(validateAssistant(assistant.assistant)).toEqual({ ok: true });
    const tools = assistant.assistant.model.tools;
    expect(tools.some((t) => t.function?.name === "transfer_to_staff")).toBe(true);
    expect(tools.some((t) => t.type === "transferCall")).toBe(false);
  });

  it("rings the ring group with the clinic's number as caller id; the first to press 1 takes the call; the leg is recorded", async () => {
    const { organisation, number } = await world.clinic();
    const played = await world.play(number.phoneNumber, {
      staff: { default: "no-answer", byNumber: { "+441632960102": "answer" } },
      afterStream: () => world.runTransferJob(),
    });
    expect(played.failed).toBeUndefined();
    // The job moved the live call with absolute callback URLs (the emulator refuses relative ones: 15004).
    const update = world.twilio.findCall(played.callSid)!.updates.at(-1)!;
    const dial = update.document!.children.find((c) => c.name === "Dial")!;
    expect(dial.attributes.callerId).toBe(number.phoneNumber);
    expect(dial.attributes.action).toMatch(new RegExp(`^${world.app.url}/api/webhooks/twilio/after-dial\\?transfer=`));
    expect(dial.children.map((n) => n.text)).toEqual(["+441632960101", "+441632960102"]);
    const [whisper] = whispers(played.events);
    expect(whisper).toMatchObject({ number: "+441632960102", accepted: true });
    expect(whisper!.heard).toMatch(/Harbour Dental/);
    expect(whisper!.heard).toMatch(/crown/);
    expect(played.events).toContainEqual(expect.objectContaining({ type: "dial", status: "completed", answeredBy: "+441632960102" }));
    const [transfer] = await world.transfersOf(organisation);
    expect(transfer).toMatchObject({
      kind: "assistant",
      status: "answered",
      answeredByName: "Practice manager",
      answeredByNumber: "+441632960102",
      dialCallStatus: "completed",
      durationSeconds: 45,
    });
    expect(await world.messagesOf(organisation)).toHaveLength(0);
  });

  it("declined at the whisper and nobody else answering: the caller is offered a callback and a message is filed", async () => {
    const { organisation, number } = await world.clinic({ routing: { no_answer: "callback" } });
    const played = await world.play(number.phoneNumber, { staff: "decline", afterStream: () => world.runTransferJob() });
    expect(whispers(played.events).map((w) => w.accepted)).toEqual([false, false]);
    expect(played.events).toContainEqual(expect.objectContaining({ type: "dial", status: "no-answer" }));
    expect(said(played.events)).toMatch(/the clinic will call you back/);
    const [transfer] = await world.transfersOf(organisation);
    expect(transfer).toMatchObject({ status: "no_answer", fallback: "callback", answeredByNumber: null });
    const [message] = await world.messagesOf(organisation);
    expect(message).toMatchObject({ kind: "callback", callerNumber: "+447700900555", sourceKey: `transfer:${transfer!.id}` });
    expect(message!.reason).toMatch(/crown/);
  });

  it("not answered: the caller leaves a voicemail, filed with the transfer's reason", async () => {
    const { organisation, number } = await world.clinic({ routing: { no_answer: "voicemail" } });
    const played = await world.play(number.phoneNumber, { staff: "no-answer", afterStream: () => world.runTransferJob() });
    expect(played.events).toContainEqual(expect.objectContaining({ type: "record" }));
    const [transfer] = await world.transfersOf(organisation);
    expect(transfer).toMatchObject({ status: "no_answer", fallback: "voicemail" });
    const [message] = await world.messagesOf(organisation);
    expect(message).toMatchObject({ kind: "voicemail", recordingSeconds: 12 });
    expect(message!.reason).toMatch(/crown/);
    expect(message!.recordingUrl).toMatch(/\/Recordings\/RE[0-9a-f]{32}$/);
  });

  it("when the stream ends before the job ran, the Connect action dials the transfer (and the late job changes nothing)", async () => {
    const { organisation, number } = await world.clinic();
    const played = await world.play(number.phoneNumber, { staff: "answer", transferWaitMs: 0 });
    expect(played.events).toContainEqual(expect.objectContaining({ type: "dial", status: "completed" }));
    const before = world.twilio.findCall(played.callSid)!.updates.length;
    await world.runTransferJob();
    expect(world.twilio.findCall(played.callSid)!.updates.length).toBe(before);
    const transfers = await world.transfersOf(organisation);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ status: "answered", answeredByName: "Front desk" });
  });

  it("no staff numbers: no transfer tool; the assistant takes a message instead", async () => {
    const { number } = await world.clinic({ routing: { staff_destinations: [] } });
    await world.play(number.phoneNumber, { callerSays: ["When are you open?"] });
    const sent = world.vapi.state.calls.at(-1)!.body as { assistant: { model: { tools: { function?: { name: string } }[] } } };
    expect(sent.assistant.model.tools.some((t) => t.function?.name === "transfer_to_staff")).toBe(false);
  });

  it("an emergency goes to the on-call number when the clinic asked for it, marked urgent in the whisper", async () => {
    const { organisation, number } = await world.clinic({ routing: { emergency_transfer: true, on_call_number: "+441632960199" } });
    const played = await world.play(number.phoneNumber, {
      callerSays: ["Please put me through to a person, my face is swelling badly"],
      stream: {
        toolArguments: { transfer_to_staff: { reason: "Facial swelling", summary: "Caller reports rapid swelling.", emergency: true } },
      },
      staff: "answer",
      afterStream: () => world.runTransferJob(),
    });
    expect(played.events).toContainEqual(expect.objectContaining({ type: "dial", numbers: ["+441632960199"], status: "completed" }));
    expect(whispers(played.events)[0]!.heard).toMatch(/^Urgent\. .*Facial swelling/);
    const [transfer] = await world.transfersOf(organisation);
    expect(transfer).toMatchObject({ kind: "emergency", status: "answered", answeredByName: "On call" });
  });
});

describe("the <Connect action>: one decision when the assistant's stream ends", () => {
  it("a call the assistant ended normally hangs up", async () => {
    const { number } = await world.clinic();
    const played = await world.play(number.phoneNumber, { callerSays: ["When are you open?"] });
    expect(played.firstTwiml).toMatch(/<Connect action="[^"]+\/api\/webhooks\/twilio\/after-ai\?call=[0-9a-f-]{36}" method="POST">/);
    expect(played.events.at(-1)).toEqual({ type: "hangup" });
    expect(played.events.some((e) => e.type === "dial" || e.type === "record")).toBe(false);
  });

  it("Vapi failing mid-call reaches the action: the team is rung when open, else a voicemail", async () => {
    const staffed = await world.clinic();
    const rung = await world.play(staffed.number.phoneNumber, {
      callerSays: ["When are you open?"],
      stream: { endedReason: "pipeline-error-openai-llm-failed" },
      staff: "answer",
    });
    expect(rung.events).toContainEqual(expect.objectContaining({ type: "dial", status: "completed" }));
    expect((await world.transfersOf(staffed.organisation))[0]).toMatchObject({ kind: "fallback", status: "answered" });

    const alone = await world.clinic({ routing: { staff_destinations: [] } });
    const recorded = await world.play(alone.number.phoneNumber, {
      callerSays: ["When are you open?"],
      stream: { endedReason: "pipeline-error-openai-llm-failed" },
    });
    expect(said(recorded.events)).toMatch(/we were cut off/);
    expect(recorded.events).toContainEqual(expect.objectContaining({ type: "record" }));
    expect((await world.messagesOf(alone.organisation))[0]).toMatchObject({ kind: "voicemail" });
  });
});

describe("transfer callbacks refuse what Twilio would never send (4xx, never 5xx)", () => {
  async function post(path: string, params: Record<string, string>, signed = true) {
    const url = `${world.app.url}${path}`;
    return fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(signed ? { "x-twilio-signature": signTwilioRequest({ authToken: TWILIO_TOKEN, url, params }) } : {}),
      },
      body: new URLSearchParams(params).toString(),
    });
  }
  const sid = `CA${"a".repeat(32)}`;
  const someId = "00000000-0000-4000-8000-000000000001";

  it.each([
    ["/api/webhooks/twilio/after-ai", { CallSid: sid }, 400],
    [`/api/webhooks/twilio/after-ai?call=not-an-id`, { CallSid: sid }, 400],
    [`/api/webhooks/twilio/after-ai?call=${someId}`, { CallSid: "CA123" }, 400],
    [`/api/webhooks/twilio/after-ai?call=${someId}`, { CallSid: sid }, 404],
    [`/api/webhooks/twilio/after-dial?transfer=${someId}`, { CallSid: sid }, 400],
    [`/api/webhooks/twilio/after-dial?transfer=${someId}`, { CallSid: sid, DialCallStatus: "x\u0000y" }, 400],
    [
      `/api/webhooks/twilio/after-dial?transfer=${someId}`,
      { CallSid: sid, DialCallStatus: "no-answer", DialCallDuration: "9".repeat(40) },
      404,
    ],
    [`/api/webhooks/twilio/whisper?transfer=${someId}&d=11`, { CallSid: sid, ParentCallSid: sid }, 400],
    [`/api/webhooks/twilio/whisper?transfer=${someId}&d=1`, { CallSid: sid }, 400],
    [`/api/webhooks/twilio/whisper-answer?transfer=${someId}&d=1`, { CallSid: sid, ParentCallSid: sid, Digits: "1" }, 404],
  ])("%s %j → %i", async (path, params, status) => {
    const res = await post(path, params);
    expect(res.status).toBe(status);
  });

  it("refuses unsigned callbacks with 403", async () => {
    expect((await post(`/api/webhooks/twilio/after-ai?call=${someId}`, { CallSid: sid }, false)).status).toBe(403);
  });

  it("another clinic's transfer id with this clinic's call: 404, and nothing changes", async () => {
    const a = await world.clinic({ routing: { no_answer: "callback" } });
    const b = await world.clinic();
    const playedA = await world.play(a.number.phoneNumber, { staff: "answer", afterStream: () => world.runTransferJob() });
    const playedB = await world.play(b.number.phoneNumber, { callerSays: ["When are you open?"] });
    const [transferA] = await world.transfersOf(a.organisation);
    for (const path of ["after-dial", "whisper-answer"]) {
      const res = await post(`/api/webhooks/twilio/${path}?transfer=${transferA!.id}&d=0`, {
        CallSid: playedB.callSid,
        ParentCallSid: playedB.callSid,
        DialCallStatus: "no-answer",
        Digits: "1",
      });
      expect(res.status).toBe(404);
    }
    const callB = await world.callOf(b.organisation);
    const res = await post(`/api/webhooks/twilio/after-ai?call=${callB.id}`, { CallSid: playedA.callSid });
    expect(res.status).toBe(404);
    expect((await world.transfersOf(a.organisation))[0]).toMatchObject({ status: "answered" });
    expect(await world.messagesOf(a.organisation)).toHaveLength(0);
  });

  it("a status callback after a transfer still completes the call", async () => {
    const { organisation, number } = await world.clinic();
    const played = await world.play(number.phoneNumber, { staff: "answer", afterStream: () => world.runTransferJob() });
    await simulateStatusCallback({
      baseUrl: world.app.url,
      authToken: TWILIO_TOKEN,
      to: number.phoneNumber,
      from: "+447700900555",
      callSid: played.callSid,
    });
    expect((await world.callOf(organisation)).status).toBe("ended");
  });
});
