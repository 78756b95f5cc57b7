import { describe, expect, it } from "vitest";
import { validateAssistant, validateVapiComponent } from "@/providers/vapi/openapi";
import { buildTransientAssistant, defaultRecordingNotice } from "@/server/calls/build-transient-assistant";
import type { CallIntent, CallSettings } from "@/server/calls/load-call-context";
import type { KnownCaller } from "@/server/patients/load-known-caller";
import { voiceAgents } from "@/server/voice-agents/catalogue";
import type { OpeningHours } from "@/server/working-hours/opening-hours";

/** Recording consent, Vapi's compliancePlan and the minimum a returning caller's assistant knows (decision 022). */

const settings: CallSettings = {
  greeting_en: "Hello, Harbour Dental here.",
  greeting_ru: "Здравствуйте, Harbour Dental.",
  default_language: "en",
  after_hours_behaviour: "take_message",
  recording_disclosure_enabled: true,
  recording_disclosure_text: "We record calls to look after you.",
  recording_consent_text_ru: "Мы записываем звонки, чтобы лучше вам помочь.",
  consent_delivery: "vapi",
  compliance_mode: "standard",
  max_call_minutes: 10,
  emergency_message: "If this is an emergency, call 999.",
};
const intents: CallIntent[] = [
  { name: "Parking", example_phrases: ["where can I park"], response_en: "Behind the clinic.", response_ru: null, action: "answer" },
];
const hours: OpeningHours = {
  timezone: "Europe/London",
  days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
  exceptions: [],
};
const facts = {
  clinicName: "Harbour Dental",
  status: { open: true, closes_at: "2026-11-30T17:00:00.000Z", opens_at_next: null },
  calendarConnected: true,
  callerHasNumber: true,
  serverUrl: "https://clinicall.example.com/api/webhooks/vapi",
  webhookSecret: "s".repeat(32),
  metadata: { organisation_id: "org-1", phone_number_id: "pn-1", call_id: "call-1" },
};
const now = new Date("2026-11-30T10:15:00Z");
const build = (overrides: Partial<CallSettings> = {}, caller: KnownCaller | null = null) =>
  buildTransientAssistant(voiceAgents[0]!, intents, { ...settings, ...overrides }, hours, now, { ...facts, knownCaller: caller });

describe("recording consent", () => {
  it("on by default through Vapi's recordingConsentPlan, in the greeting's language, before the greeting", () => {
    const english = build();
    expect(english.compliancePlan).toEqual({
      recordingConsentPlan: { type: "stay-on-line", message: "We record calls to look after you.", waitSeconds: 3 },
    });
    expect(english.firstMessage).toBe("Hello, Harbour Dental here.");
    expect(validateAssistant(english)).toEqual({ ok: true });
    expect(validateVapiComponent("CompliancePlan", english.compliancePlan)).toEqual({ ok: true });

    const russian = build({ default_language: "ru" });
    expect(russian.compliancePlan?.recordingConsentPlan?.message).toBe("Мы записываем звонки, чтобы лучше вам помочь.");
    expect(validateAssistant(russian)).toEqual({ ok: true });
  });

  it("a returning patient hears it in their own language", () => {
    const a = build({ default_language: "en" }, { name: "Анна", language: "ru", upcoming: [] });
    expect(a.compliancePlan?.recordingConsentPlan?.message).toBe("Мы записываем звонки, чтобы лучше вам помочь.");
  });

  it("no Russian sentence written: ours in Russian, never the English one", () => {
    const a = build({ default_language: "ru", recording_consent_text_ru: null });
    expect(a.compliancePlan?.recordingConsentPlan?.message).toBe(defaultRecordingNotice.ru);
  });

  it("delivered as the first message: the sentence opens it, and no recordingConsentPlan is sent", () => {
    const a = build({ consent_delivery: "first_message" });
    expect(a.firstMessage).toBe("We record calls to look after you. Hello, Harbour Dental here.");
    expect(a).not.toHaveProperty("compliancePlan");
    expect(validateAssistant(a)).toEqual({ ok: true });
  });

  it("turned off: nothing is said about recording", () => {
    const a = build({ recording_disclosure_enabled: false });
    expect(a).not.toHaveProperty("compliancePlan");
    expect(a.firstMessage).toBe("Hello, Harbour Dental here.");
  });

  it("monitorPlan stays off whatever the privacy settings", () => {
    for (const overrides of [{}, { compliance_mode: "hipaa" as const }, { consent_delivery: "first_message" as const }]) {
      expect(build(overrides).monitorPlan).toEqual({ listenEnabled: false, controlEnabled: false });
    }
  });
});

describe("compliancePlan: HIPAA mode", () => {
  it("sets hipaaEnabled and records only into the clinic's own storage; validates against the document", () => {
    const a = build({ compliance_mode: "hipaa" });
    expect(a.compliancePlan).toMatchObject({ hipaaEnabled: true, recordingConsentPlan: { type: "stay-on-line" } });
    expect(a.artifactPlan).toEqual({ recordingEnabled: true, recordingUseCustomStorageEnabled: true });
    expect(validateAssistant(a)).toEqual({ ok: true });
    expect(validateVapiComponent("ArtifactPlan", a.artifactPlan)).toEqual({ ok: true });
  });

  it("standard mode sends neither hipaaEnabled nor an artifact plan", () => {
    const a = build({ recording_disclosure_enabled: false });
    expect(a).not.toHaveProperty("artifactPlan");
    expect(JSON.stringify(a)).not.toContain("hipaaEnabled");
  });
});

describe("a returning caller: never more than the patients block allows", () => {
  const upcoming = [1, 2, 3, 4, 5].map((day) => ({
    id: `appt-${day}`,
    start: new Date(`2026-12-0${day}T09:00:00Z`),
    summary: `Check-up ${day}`,
    // Whatever else a row might carry must not travel.
    description: "SECRET-DESCRIPTION",
    customer_phone: "+447700900999",
  }));
  const caller = {
    name: "Jane Doe",
    language: "en",
    upcoming,
    notes: "SECRET-NOTES: allergic to penicillin",
    other_names: ["SECRET-OTHER-NAME"],
    phone_number: "+447700900999",
    past_calls: [{ transcript: "SECRET-TRANSCRIPT" }],
  } as unknown as KnownCaller;

  it.each(["standard", "hipaa"] as const)("%s mode: name, language and three upcoming appointments, nothing else", (mode) => {
    const text = JSON.stringify(build({ compliance_mode: mode }, caller));
    expect(text).toContain("Jane Doe");
    expect(text).not.toMatch(/SECRET-/);
    expect(text).not.toContain("+447700900999");
    expect(text).toContain("appt-3");
    expect(text).not.toContain("appt-4");
    expect(text).not.toContain("Check-up 4");
  });
});
