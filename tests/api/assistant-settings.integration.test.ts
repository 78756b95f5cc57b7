import { describe, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/assistant-settings/route";
import { signUpOwner } from "../helpers/accounts";
import { type ApiClient, useTestApp } from "../helpers/api";

useTestApp();

const settings = {
  greeting_en: "Hello, Harbour Dental.",
  greeting_ru: "Здравствуйте, Harbour Dental.",
  default_language: "auto",
  after_hours_behaviour: "inform_and_end",
  recording_disclosure: { enabled: true, text: "Calls are recorded." },
  max_call_minutes: 15,
  emergency_message: "In an emergency, call 999.",
};

const put = (client: ApiClient, body: unknown) => client.put(settingsRoute.PUT, "/api/assistant-settings", body);
const fieldPaths = (body: { error: { details?: { fields?: { path: string }[] } } }) => body.error.details?.fields?.map((f) => f.path);

describe("GET /api/assistant-settings", () => {
  it("gives a new clinic its greetings and the defaults", async () => {
    const { client } = await signUpOwner("Harbour Dental");
    const res = await client.get(settingsRoute.GET, "/api/assistant-settings");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      greeting_en: "Hello, you've reached Harbour Dental. How can I help you today?",
      greeting_ru: "Здравствуйте, вы позвонили в Harbour Dental. Чем могу помочь?",
      default_language: "auto",
      after_hours_behaviour: "take_message",
      recording_disclosure: { enabled: true, text: "This call may be recorded to help us look after you." },
      max_call_minutes: 10,
      emergency_message: "If this is a medical emergency, please hang up and call your local emergency number now.",
      redact_personal_data: false,
      updated_at: expect.any(String),
    });
  });
});

describe("PUT /api/assistant-settings", () => {
  it("saves every setting", async () => {
    const { client } = await signUpOwner();
    const res = await put(client, settings);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...settings,
      redact_personal_data: false,
      updated_at: expect.any(String),
    });
    expect((await client.get(settingsRoute.GET, "/api/assistant-settings")).body).toEqual(res.body);
  });

  it("still takes an old client's empty transfer number and country hint, and stores neither (decision 019)", async () => {
    const { client } = await signUpOwner();
    const res = await put(client, { ...settings, transfer_number: null, transfer_number_country: "GB" });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("transfer_number");
  });

  it("refuses a transfer number or transferring after hours, naming call routing (decision 019)", async () => {
    const { client } = await signUpOwner();
    for (const body of [
      { ...settings, transfer_number: "+442079460123" },
      { ...settings, after_hours_behaviour: "transfer" },
    ]) {
      const res = await put(client, body);
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toContain("/api/call-routing");
    }
  });

  it.each([
    ["an unknown language", { ...settings, default_language: "fr" }, "default_language"],
    ["an unknown after-hours behaviour", { ...settings, after_hours_behaviour: "hang_up" }, "after_hours_behaviour"],
    ["a transfer number (moved to call routing)", { ...settings, transfer_number: "12345" }, "transfer_number"],
    ["0 minutes", { ...settings, max_call_minutes: 0 }, "max_call_minutes"],
    ["61 minutes", { ...settings, max_call_minutes: 61 }, "max_call_minutes"],
    ["fractional minutes", { ...settings, max_call_minutes: 2.5 }, "max_call_minutes"],
    ["no greeting at all", { ...settings, greeting_en: "", greeting_ru: null }, "greeting_en"],
    ["Russian by default without a Russian greeting", { ...settings, default_language: "ru", greeting_ru: "" }, "greeting_ru"],
    [
      "a disclosure switched on with no text",
      { ...settings, recording_disclosure: { enabled: true, text: " " } },
      "recording_disclosure.text",
    ],
    ["a disclosure that is not an object", { ...settings, recording_disclosure: true }, "recording_disclosure"],
    ["no emergency message", { ...settings, emergency_message: "" }, "emergency_message"],
    ["a greeting over 500 characters", { ...settings, greeting_en: "x".repeat(501) }, "greeting_en"],
  ])("refuses %s with 422 naming the field", async (_label, body, path) => {
    const { client } = await signUpOwner();
    const res = await put(client, body);
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toContain(path);
  });

  it("accepts 1 and 60 minutes and a disclosure switched off with no text", async () => {
    const { client } = await signUpOwner();
    expect((await put(client, { ...settings, max_call_minutes: 1 })).status).toBe(200);
    const res = await put(client, { ...settings, max_call_minutes: 60, recording_disclosure: { enabled: false, text: "" } });
    expect(res.status).toBe(200);
    expect(res.body.recording_disclosure).toEqual({ enabled: false, text: "" });
  });

  it("keeps the stored recording consent when the body leaves it out (Settings → Privacy edits it)", async () => {
    const { client } = await signUpOwner();
    expect((await put(client, { ...settings, recording_disclosure: { enabled: false, text: "" } })).status).toBe(200);
    const { recording_disclosure: _edited, ...withoutConsent } = settings;
    const res = await put(client, { ...withoutConsent, greeting_en: "Hello again." });
    expect(res.status).toBe(200);
    expect(res.body.greeting_en).toBe("Hello again.");
    expect(res.body.recording_disclosure).toEqual({ enabled: false, text: "" });
  });

  it("changes only the caller's clinic", async () => {
    const a = await signUpOwner("Clinic A");
    const b = await signUpOwner("Clinic B");
    await put(a.client, { ...settings, max_call_minutes: 42 });
    expect((await b.client.get(settingsRoute.GET, "/api/assistant-settings")).body.max_call_minutes).toBe(10);
  });
});
