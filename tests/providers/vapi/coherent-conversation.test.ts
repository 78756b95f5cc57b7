import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createVapiCall } from "@/providers/vapi/client";
import { startVapiEmulator, type VapiEmulator } from "@/providers/vapi/emulator";
import { wavSeconds } from "@/providers/vapi/emulator/wav";
import type { ToolCallRequest } from "@/providers/vapi/tool-call-list";
import { buildTransientAssistant } from "@/server/calls/build-transient-assistant";
import type { CallSettings } from "@/server/calls/load-call-context";
import { voiceAgents } from "@/server/voice-agents/catalogue";
import type { OpeningHours } from "@/server/working-hours/opening-hours";
import { pinClock } from "../../helpers/clock";
import { bypassBody } from "./fixtures";
import { startWebhookRecorder, type WebhookRecorder } from "./webhook-recorder";

// The emulated receptionist, played against our real assistant (prompt with hours, real tool
// names) and a calendar that answers in our tools' words. Every call gives its own `now`.
pinClock("2026-12-08T08:00:00Z");

const API_KEY = "vapi-coherent-key";
const ZONE = "Europe/London";
const hours: OpeningHours = {
  timezone: ZONE,
  days: [1, 2, 3, 4, 5].map((day) => ({ day_of_week: day, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
  exceptions: [{ date: "2026-12-25", closed: true, ranges: [], label: "Christmas" }],
};
const settings: CallSettings = {
  greeting_en: "Hello, Harbour Dental.",
  greeting_ru: "Здравствуйте, Harbour Dental.",
  default_language: "auto",
  after_hours_behaviour: "take_message",
  recording_disclosure_enabled: false,
  recording_disclosure_text: "",
  max_call_minutes: 10,
  emergency_message: "Call 999.",
};

/** Free times per date, and what was booked; answers like check_availability / book_appointment. */
const taken = new Set<string>();
const FREE = ["09:30", "10:00", "10:30", "11:00", "14:00"];
const spoken = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(
    new Date(`${date}T12:00:00Z`),
  );
function answer(toolCall: ToolCallRequest) {
  const args = toolCall.arguments;
  if (toolCall.name === "check_availability") {
    const date = String(args.date);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6)
      return { toolCallId: toolCall.id, name: toolCall.name, result: `No free times on ${spoken(date)}.` };
    const free = FREE.filter((time) => !taken.has(`${date} ${time}`));
    return {
      toolCallId: toolCall.id,
      name: toolCall.name,
      result: `Free times: ${spoken(date)} at ${free.join(", ")} (${ZONE}, UTC+00:00).`,
    };
  }
  const start = String(args.start);
  return {
    toolCallId: toolCall.id,
    name: toolCall.name,
    result: `Booked: ${String(args.customer_name)} on ${spoken(start.slice(0, 10))} at ${start.slice(11, 16)} (${ZONE}).`,
  };
}

let emulator: VapiEmulator;
let recorder: WebhookRecorder | undefined;
beforeAll(async () => {
  emulator = await startVapiEmulator({ apiKey: API_KEY });
});
afterAll(() => emulator.close());
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
  emulator.reset();
  taken.clear();
});

async function converse(callerSays: string[], now: string, callerName?: string) {
  recorder = await startWebhookRecorder(answer);
  const assistant = buildTransientAssistant(voiceAgents[0]!, [], settings, hours, new Date(now), {
    clinicName: "Harbour Dental",
    status: { open: true, closes_at: null, opens_at_next: null },
    calendarConnected: true,
    serverUrl: recorder.url,
    webhookSecret: "s".repeat(32),
    metadata: { organisation_id: "org-1", phone_number_id: "pn-1", call_id: "call-1" },
  });
  const created = await createVapiCall({ apiUrl: emulator.url, apiKey: API_KEY, timeoutMs: 30_000, body: bypassBody(assistant) });
  if (!created.ok) throw new Error(created.detail);
  const result = await emulator.runConversation(created.callId, { callerSays, now: new Date(now), ...(callerName && { callerName }) });
  const lines = result.transcript.split("\n");
  const report = (recorder.received.at(-1)!.body as { message: Record<string, any> }).message;
  return { ...result, lines, bot: lines.filter((line) => line.startsWith("AI: ")), report };
}

describe("the emulated receptionist holds a coherent conversation", () => {
  it("asks for the caller's name before booking, then books the time the calendar gave and uses the name", async () => {
    // Tuesday 8 December: tomorrow is Wednesday.
    const call = await converse(["Can I book a check-up tomorrow at 10?", "Jane Doe"], "2026-12-08T08:00:00Z");
    expect(call.lines).toEqual([
      "AI: Hello, Harbour Dental.",
      "User: Can I book a check-up tomorrow at 10?",
      "AI: Wednesday 9 December at 10:00 is free. May I have your full name, please?",
      "User: Jane Doe",
      "AI: Thank you, Jane. You're booked for Wednesday 9 December at 10:00.",
    ]);
    expect(call.toolResults.map((r) => [r.name, r.arguments])).toEqual([
      ["check_availability", { date: "2026-12-09", preferred_time: "10:00", duration_minutes: 30 }],
      [
        "book_appointment",
        { start: "2026-12-09T10:00:00+00:00", customer_name: "Jane Doe", reason: "Can I book a check-up tomorrow at 10?" },
      ],
    ]);
    expect(call.report.analysis.summary).toBe("Jane Doe booked an appointment for Wednesday 9 December at 10:00.");
    expect(call.report.analysis.summary).not.toMatch(/check_availability|book_appointment|Tools used/);
  });

  it("uses a name said up front and never asks for it", async () => {
    const call = await converse(["Hi, this is Jane Doe. Can I book an appointment tomorrow at 11?"], "2026-12-08T08:00:00Z");
    expect(call.bot.at(-1)).toBe(
      "AI: Wednesday 9 December at 11:00 is free. Thank you, Jane. You're booked for Wednesday 9 December at 11:00.",
    );
    expect(call.transcript).not.toContain("May I have your full name");
  });

  it("offers only times the tool returned when the asked time is taken, and books the one the caller picks", async () => {
    taken.add("2026-12-09 10:00");
    const call = await converse(["Can I book tomorrow at 10?", "10:30 please", "It's Jane Doe"], "2026-12-08T08:00:00Z");
    expect(call.bot.slice(1)).toEqual([
      "AI: 10:00 is not free, I'm afraid. I can offer Wednesday 9 December at 09:30, 10:30 or 11:00. Which would suit you?",
      "AI: May I have your full name, please?",
      "AI: Thank you, Jane. You're booked for Wednesday 9 December at 10:30.",
    ]);
    expect(call.toolResults.map((r) => r.name)).toEqual(["check_availability", "book_appointment"]);
    expect(call.toolResults[1]!.arguments.start).toBe("2026-12-09T10:30:00+00:00");
  });

  it.each([
    ["Monday", "2026-12-07T08:00:00Z", "2026-12-08", false],
    ["Tuesday", "2026-12-08T08:00:00Z", "2026-12-09", false],
    ["Wednesday", "2026-12-09T08:00:00Z", "2026-12-10", false],
    ["Thursday", "2026-12-10T08:00:00Z", "2026-12-11", false],
    ["Friday", "2026-12-11T08:00:00Z", "2026-12-14", true],
    ["Saturday", "2026-12-12T08:00:00Z", "2026-12-14", true],
    ["Sunday", "2026-12-13T08:00:00Z", "2026-12-14", false],
    ["Christmas Eve (Thursday; the 25th is closed)", "2026-12-24T08:00:00Z", "2026-12-28", true],
  ])("'tomorrow at 10' on %s: checks the next open day and books it", async (_day, now, expected, closedTomorrow) => {
    const call = await converse(["Can I book an appointment tomorrow at 10?"], now);
    expect(call.toolResults[0]!.arguments.date).toBe(expected);
    expect(call.transcript.includes("We're closed on")).toBe(closedTomorrow);
    if (closedTomorrow) expect(call.bot[1]).toContain(`The next day we're open is ${spoken(expected)}.`);
    // The caller is asked for their name, gives it, and the booking is on the open day.
    expect(call.toolResults[1]!.arguments).toMatchObject({ start: `${expected}T10:00:00+00:00`, customer_name: "Jane Doe" });
    expect(call.bot.at(-1)).toBe(`AI: Thank you, Jane. You're booked for ${spoken(expected)} at 10:00.`);
  });

  it("answers a Russian caller in Russian only, greeting aside", async () => {
    const call = await converse(["Можно записаться завтра в 10?"], "2026-12-08T08:00:00Z");
    expect(call.lines.slice(1)).toEqual([
      "User: Можно записаться завтра в 10?",
      "AI: Это время свободно: среда, 9 декабря, 10:00. Как вас зовут? Назовите, пожалуйста, имя и фамилию.",
      "User: Меня зовут Анна Смирнова.",
      "AI: Спасибо, Анна. Вы записаны: среда, 9 декабря, 10:00.",
    ]);
    for (const line of call.bot.slice(1)) expect(line.slice(4)).not.toMatch(/[A-Za-z]/);
    expect(call.toolResults[1]!.arguments.customer_name).toBe("Анна Смирнова");
  });

  it("its recording is as long as the call", async () => {
    const call = await converse(["Can I book a check-up tomorrow at 10?", "Jane Doe"], "2026-12-08T08:00:00Z");
    const seconds = (Date.parse(call.report.endedAt) - Date.parse(call.report.startedAt)) / 1000;
    expect(seconds).toBeGreaterThan(10);
    const wav = Buffer.from(await (await fetch(call.report.artifact.recording.mono.combinedUrl)).arrayBuffer());
    expect(wav.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(wavSeconds(wav)).toBe(seconds);
    expect(call.report.durationSeconds ?? seconds).toBe(seconds);
  });
});
