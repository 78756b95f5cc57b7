import { describe, expect, it } from "vitest";
import { parsePromptIntents } from "@/providers/vapi/emulator";
import { validateAssistant, validateCreateCall } from "@/providers/vapi/openapi";
import { buildTransientAssistant, defaultRecordingNotice } from "@/server/calls/build-transient-assistant";
import type { CallIntent, CallSettings } from "@/server/calls/load-call-context";
import { voiceAgents } from "@/server/voice-agents/catalogue";
import type { OpeningHours } from "@/server/working-hours/opening-hours";

const settings: CallSettings = {
  greeting_en: "Hello, Harbour Dental here.",
  greeting_ru: "Здравствуйте, Harbour Dental.",
  default_language: "auto",
  after_hours_behaviour: "take_message",
  recording_disclosure_enabled: true,
  recording_disclosure_text: "This call may be recorded.",
  max_call_minutes: 12,
  emergency_message: "If this is an emergency, call 999.",
};
const intents: CallIntent[] = [
  {
    name: "Book a cleaning",
    example_phrases: ["book a cleaning", "записаться на чистку"],
    response_en: "Of course, let me check.",
    response_ru: "Конечно, давайте посмотрим.",
    action: "book_appointment",
  },
  {
    name: "Parking",
    example_phrases: ["where can I park"],
    response_en: "Free parking behind the clinic.",
    response_ru: null,
    action: "answer",
  },
];
const hours: OpeningHours = {
  timezone: "Europe/London",
  days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
  exceptions: [{ date: "2026-12-25", closed: true, ranges: [], label: "Christmas" }],
};
const facts = {
  clinicName: "Harbour Dental",
  status: { open: true, closes_at: "2026-11-30T17:00:00.000Z", opens_at_next: null },
  calendarConnected: true,
  serverUrl: "https://clinicall.example.com/api/webhooks/vapi",
  webhookSecret: "s".repeat(32),
  metadata: { organisation_id: "org-1", phone_number_id: "pn-1", call_id: "call-1" },
  transfer: { staff: true, emergency: false },
};
const now = new Date("2026-11-30T10:15:00Z");

describe("buildTransientAssistant", () => {
  it.each(voiceAgents.map((a) => [a.id, a]))("validates against CreateAssistantDTO with voice agent %s", (_id, agent) => {
    const assistant = buildTransientAssistant(agent, intents, settings, hours, now, facts);
    expect(validateAssistant(assistant)).toEqual({ ok: true });
  });

  it("builds a create-call body that validates against CreateCallDTO", () => {
    const assistant = buildTransientAssistant(voiceAgents[0]!, intents, settings, hours, now, facts);
    const body = { phoneCallProviderBypassEnabled: true, phoneNumberId: "vapi-pn", customer: { number: "+447700900123" }, assistant };
    expect(validateCreateCall(body)).toEqual({ ok: true });
  });

  it("carries the clinic's facts, hours, intents and rules in the prompt", () => {
    const assistant = buildTransientAssistant(voiceAgents[0]!, intents, settings, hours, now, facts);
    const prompt = assistant.model.messages[0]!.content;
    expect(prompt).toContain(voiceAgents[0]!.basePrompt);
    expect(prompt).toContain("Harbour Dental");
    expect(prompt).toContain("Monday, 30 November 2026 at 10:15");
    expect(prompt).toContain("OPEN now");
    expect(prompt).toContain("- Monday: 09:00–17:00");
    expect(prompt).toContain("- Sunday: closed");
    expect(prompt).toContain("2026-12-25 (Christmas): closed");
    expect(prompt).toContain("If this is an emergency, call 999.");
    expect(prompt).toMatch(/medical advice/);
    expect(prompt).toMatch(/English or Russian only/);
    const parsed = parsePromptIntents(prompt);
    expect(parsed.map((i) => i.name)).toEqual(["Book a cleaning", "Parking"]);
    expect(parsed[0]).toMatchObject({ answerRussian: "Конечно, давайте посмотрим.", action: "book_appointment" });
    expect(parsed[0]!.examples).toContain("записаться на чистку");
  });

  it("offers booking tools only with a calendar, transfer_to_staff only with someone to ring, take_message and endCall always", () => {
    const full = buildTransientAssistant(voiceAgents[0]!, intents, settings, hours, now, facts);
    expect(full.model.tools.map((t) => (t.function as { name?: string } | undefined)?.name ?? t.type)).toEqual([
      "check_availability",
      "book_appointment",
      "take_message",
      "transfer_to_staff",
      "endCall",
    ]);
    expect(full.model.tools.some((t) => t.type === "transferCall")).toBe(false);
    const bare = buildTransientAssistant(voiceAgents[0]!, intents, settings, hours, now, {
      ...facts,
      calendarConnected: false,
      transfer: { staff: false, emergency: false },
    });
    expect(bare.model.tools.map((t) => (t.function as { name?: string } | undefined)?.name ?? t.type)).toEqual(["take_message", "endCall"]);
  });

  it("an emergency transfer alone still offers transfer_to_staff and tells the assistant to use it for emergencies", () => {
    const a = buildTransientAssistant(voiceAgents[0]!, intents, settings, hours, now, {
      ...facts,
      transfer: { staff: false, emergency: true },
    });
    expect(validateAssistant(a)).toEqual({ ok: true });
    const prompt = a.model.messages[0]!.content;
    expect(prompt).toMatch(/emergency true/);
    expect(prompt).toMatch(/No one is available to transfer to/);
  });

  it("sets the webhook, its secret, the handled messages, metadata and the call length", () => {
    const a = buildTransientAssistant(voiceAgents[0]!, intents, settings, hours, now, facts);
    expect(a.server).toEqual({ url: facts.serverUrl, timeoutSeconds: 10, headers: { "x-vapi-secret": facts.webhookSecret } });
    expect(a.serverMessages).toEqual(["status-update", "tool-calls", "end-of-call-report", "hang"]);
    expect(a.metadata).toEqual(facts.metadata);
    expect(a.maxDurationSeconds).toBe(720);
    expect(a.transcriber).toMatchObject({ provider: "deepgram", language: "multi" });
  });

  it("turns off Vapi's live listen and live control (unauthenticated URLs by default)", () => {
    const assistant = buildTransientAssistant(voiceAgents[0]!, intents, settings, hours, now, facts);
    expect(validateAssistant(assistant)).toEqual({ ok: true });
    expect(assistant.monitorPlan).toEqual({ listenEnabled: false, controlEnabled: false });
  });

  describe("greeting language", () => {
    const build = (overrides: Partial<CallSettings>) =>
      buildTransientAssistant(voiceAgents[0]!, intents, { ...settings, ...overrides }, hours, now, facts);
    const prompt = (a: ReturnType<typeof build>) => a.model.messages[0]!.content;

    it("English: the notice, then one English greeting, an English goodbye", () => {
      const a = build({ default_language: "en" });
      expect(a.firstMessage).toBe("This call may be recorded. Hello, Harbour Dental here.");
      expect(a.endCallMessage).toBe("Thank you for calling. Goodbye.");
      expect(prompt(a)).toContain("already greeted the caller in English");
      expect(validateAssistant(a)).toEqual({ ok: true });
    });

    it("Russian: the Russian greeting and the notice in Russian, never the English one", () => {
      const a = build({ default_language: "ru" });
      expect(a.firstMessage).toBe(`${defaultRecordingNotice.ru} Здравствуйте, Harbour Dental.`);
      expect(a.firstMessage).not.toMatch(/[A-Za-z]{3,} (call|recorded)/);
      expect(a.endCallMessage).toBe("Спасибо за звонок. До свидания.");
      expect(prompt(a)).toContain("already greeted the caller in Russian");
      expect(validateAssistant(a)).toEqual({ ok: true });
    });

    it("match the caller: greets once, in the clinic's first language, and the prompt says to switch", () => {
      const a = build({ default_language: "auto" });
      expect(a.firstMessage).toBe("This call may be recorded. Hello, Harbour Dental here.");
      expect(a.firstMessage).not.toContain("Здравствуйте");
      expect(a.firstMessageMode).toBe("assistant-speaks-first");
      expect(prompt(a)).toMatch(/if they speak Russian, continue in Russian/);
      expect(prompt(a)).toMatch(/do not greet again/);
      // No fixed-language goodbye: the model says it in the caller's language.
      expect(a).not.toHaveProperty("endCallMessage");
      // The transcriber follows the caller's language; the voice model is multilingual.
      expect(a.transcriber).toEqual({ provider: "deepgram", model: "nova-3", language: "multi" });
      expect(a.voice.model).toBe("eleven_multilingual_v2");
      expect(validateAssistant(a)).toEqual({ ok: true });
    });

    it("a Russian notice with an English greeting is replaced by the English one, and the other way round", () => {
      const ruNotice = "Звонок записывается.";
      expect(build({ default_language: "en", recording_disclosure_text: ruNotice }).firstMessage).toBe(
        `${defaultRecordingNotice.en} Hello, Harbour Dental here.`,
      );
      expect(build({ default_language: "ru", recording_disclosure_text: ruNotice }).firstMessage).toBe(
        `${ruNotice} Здравствуйте, Harbour Dental.`,
      );
    });

    it("no greeting written: the built-in one in the opening language; no notice when it is off", () => {
      const blank = { greeting_en: null, greeting_ru: "  ", recording_disclosure_enabled: false };
      expect(build({ ...blank, default_language: "ru" }).firstMessage).toBe(
        "Здравствуйте, вы позвонили в Harbour Dental. Чем могу помочь?",
      );
      expect(build({ ...blank, default_language: "auto" }).firstMessage).toBe("Hello, you've reached Harbour Dental. How can I help you?");
    });

    it("the transfer message is in the opening language", () => {
      const transfer = (a: ReturnType<typeof build>) =>
        (
          a.model.tools.find((t) => (t.function as { name?: string } | undefined)?.name === "transfer_to_staff") as {
            messages: { content: string }[];
          }
        ).messages[0]!.content;
      expect(transfer(build({ default_language: "ru" }))).toBe("Соединяю вас с сотрудником клиники.");
      expect(transfer(build({ default_language: "auto" }))).toBe("Connecting you to the clinic's team now.");
    });
  });
});
