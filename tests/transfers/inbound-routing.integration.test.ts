import { describe, expect, it } from "vitest";
import type { CallEvent } from "@/providers/twilio/call-player";
import { useTransferWorld } from "./transfer-kit";

const world = await useTransferWorld();

/** YYYY-MM-DD in the zone, `days` from now. */
function localDate(timeZone: string, days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}
const said = (events: CallEvent[]) => events.flatMap((e) => (e.type === "say" ? [e.text] : [])).join(" ");

describe("after hours, decided at the incoming-call webhook", () => {
  it("voicemail: a closed greeting and a recording, no Vapi call; the voicemail is in the inbox", async () => {
    const { organisation, number } = await world.clinic({ open: false, routing: { after_hours_mode: "voicemail" } });
    const before = world.vapi.state.createCallRequests;
    const played = await world.play(number.phoneNumber);
    expect(played.firstTwiml).toContain("<Record");
    expect(said(played.events)).toMatch(/The clinic is closed now/);
    expect(world.vapi.state.createCallRequests).toBe(before);
    expect((await world.callOf(organisation)).endedReason).toBe("after-hours-voicemail");
    expect(await world.messagesOf(organisation)).toEqual([
      expect.objectContaining({
        kind: "voicemail",
        recordingSeconds: 12,
        transcription: "Hello, please call me back about my appointment.",
      }),
    ]);
    expect(played.events).toContainEqual(expect.objectContaining({ type: "transcription" }));
  });

  it("forward: the on-call number is rung (with the whisper); answered, the leg is recorded", async () => {
    const { organisation, number } = await world.clinic({
      open: false,
      routing: { after_hours_mode: "forward", on_call_number: "+441632960177" },
    });
    const played = await world.play(number.phoneNumber, { staff: "answer" });
    expect(played.events).toContainEqual(expect.objectContaining({ type: "dial", numbers: ["+441632960177"], status: "completed" }));
    expect((await world.transfersOf(organisation))[0]).toMatchObject({
      kind: "after_hours",
      status: "answered",
      answeredByName: "On call",
    });
  });

  it("forward, not answered: the caller leaves a voicemail", async () => {
    const { organisation, number } = await world.clinic({
      open: false,
      routing: { after_hours_mode: "forward", on_call_number: "+441632960177", no_answer: "voicemail" },
    });
    const played = await world.play(number.phoneNumber, { staff: "no-answer" });
    expect(said(played.events)).toMatch(/The clinic is closed now/);
    expect((await world.transfersOf(organisation))[0]).toMatchObject({ kind: "after_hours", status: "no_answer", fallback: "voicemail" });
    expect((await world.messagesOf(organisation))[0]).toMatchObject({ kind: "voicemail" });
  });

  it("assistant: Vapi answers, told the clinic is closed, with no staff to transfer to", async () => {
    const { number } = await world.clinic({ open: false, routing: { after_hours_mode: "assistant" } });
    const before = world.vapi.state.createCallRequests;
    await world.play(number.phoneNumber, { callerSays: ["When are you open?"] });
    expect(world.vapi.state.createCallRequests).toBe(before + 1);
    const sent = world.vapi.state.calls.at(-1)!.body as {
      assistant: { model: { messages: { content: string }[]; tools: { function?: { name: string } }[] } };
    };
    expect(sent.assistant.model.messages[0]!.content).toContain("CLOSED now");
    expect(sent.assistant.model.tools.some((t) => t.function?.name === "transfer_to_staff")).toBe(false);
  });

  it("a holiday from the working-hours exceptions counts as closed", async () => {
    const { organisation, number, f } = await world.clinic({ routing: { after_hours_mode: "voicemail" } });
    for (const days of [0, 1]) {
      await f.createWorkingHoursException(organisation, { date: localDate("Europe/London", days), closed: true, label: "Holiday" });
    }
    const before = world.vapi.state.createCallRequests;
    const played = await world.play(number.phoneNumber);
    expect(played.firstTwiml).toContain("<Record");
    expect(world.vapi.state.createCallRequests).toBe(before);
  });

  it("open hours ignore the after-hours mode", async () => {
    const { number } = await world.clinic({ routing: { after_hours_mode: "voicemail" } });
    const played = await world.play(number.phoneNumber, { callerSays: ["When are you open?"] });
    expect(played.firstTwiml).toMatch(/<Connect action=/);
  });
});

describe("ring staff first", () => {
  it("rings the team for N seconds before any Vapi call; a member who presses 1 takes it", async () => {
    const { organisation, number } = await world.clinic({ routing: { ring_staff_first: true, ring_staff_first_seconds: 12 } });
    const before = world.vapi.state.createCallRequests;
    const played = await world.play(number.phoneNumber, { staff: "answer" });
    expect(played.firstTwiml).toMatch(/<Dial[^>]* timeout="12"/);
    expect(world.vapi.state.createCallRequests).toBe(before);
    expect((await world.transfersOf(organisation))[0]).toMatchObject({
      kind: "ring_first",
      status: "answered",
      answeredByName: "Front desk",
    });
  });

  it("nobody answers: the assistant takes the call", async () => {
    const { organisation, number } = await world.clinic({ routing: { ring_staff_first: true } });
    const before = world.vapi.state.createCallRequests;
    const played = await world.play(number.phoneNumber, { staff: "decline", callerSays: ["When are you open?"] });
    expect(world.vapi.state.createCallRequests).toBe(before + 1);
    const stream = played.events.find((e) => e.type === "stream") as { result: { transcript: string } } | undefined;
    expect(stream?.result.transcript).toMatch(/We are open every day/);
    expect((await world.transfersOf(organisation))[0]).toMatchObject({ kind: "ring_first", status: "no_answer", fallback: "assistant" });
    expect((await world.callOf(organisation)).vapiCallId).toBeTruthy();
  });
});
