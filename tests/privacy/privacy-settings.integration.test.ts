import { describe, expect, it } from "vitest";
import * as callRoute from "@/app/api/call-logs/[id]/route";
import * as settingsRoute from "@/app/api/privacy/settings/route";
import { validateAssistant } from "@/providers/vapi/openapi";
import { assistantForContext } from "@/server/calls/assistant-for-context";
import { loadOrganisationCallContext } from "@/server/calls/load-call-context";
import { asService } from "@/server/db/access";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const test = useTestApp();
const db = () => test.db().db;

const body = (overrides: Record<string, unknown> = {}) => ({
  recording_consent: {
    enabled: true,
    text_en: "We record calls to look after you.",
    text_ru: "Мы записываем звонки, чтобы лучше вам помочь.",
    delivery: "vapi",
    ...overrides,
  },
  compliance_mode: "standard",
});

async function builtAssistant(organisationId: string) {
  const context = await asService((tx) => loadOrganisationCallContext(tx, organisationId));
  const built = assistantForContext(context!, "00000000-0000-4000-8000-000000000001", new Date());
  if (!built.ok) throw new Error(built.message);
  return built.assistant;
}

describe("privacy settings (owners): recording consent and compliance mode", () => {
  it("defaults: consent on, our sentences, Vapi's consent step, standard mode, no erasure", async () => {
    const { client } = await signUpOwner("Defaults Dental");
    const res = await client.get(settingsRoute.GET, "/api/privacy/settings");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      recording_consent: {
        enabled: true,
        text_en: "This call may be recorded to help us look after you.",
        text_ru: "Этот звонок может записываться, чтобы мы могли лучше вам помочь.",
        delivery: "vapi",
      },
      compliance_mode: "standard",
      erasure: null,
    });
  });

  it("owners only; admins and members are refused", async () => {
    const owner = await signUpOwner();
    for (const role of ["admin", "member"] as const) {
      const who = await addTeammate(owner.client, role);
      expect((await who.client.get(settingsRoute.GET, "/api/privacy/settings")).status).toBe(403);
      expect((await who.client.put(settingsRoute.PUT, "/api/privacy/settings", body())).status).toBe(403);
    }
  });

  it.each([
    ["an empty Russian sentence while on", body({ text_ru: " " }), "recording_consent.text_ru"],
    ["a sentence over 500 characters", body({ text_en: "a".repeat(501) }), "recording_consent.text_en"],
    ["an unknown delivery", body({ delivery: "sms" }), "recording_consent.delivery"],
    ["an unknown mode", { ...body(), compliance_mode: "pci" }, "compliance_mode"],
  ])("refuses %s (422 with the field)", async (_name, input, path) => {
    const { client } = await signUpOwner();
    const res = await client.put(settingsRoute.PUT, "/api/privacy/settings", input);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it("refuses a NUL character anywhere in the body (422)", async () => {
    const { client } = await signUpOwner();
    const res = await client.put(settingsRoute.PUT, "/api/privacy/settings", body({ text_en: "We record\u0000" }));
    expect(res.status).toBe(422);
  });

  it("saved settings reach the assistant the next call gets (validated against the OpenAPI document)", async () => {
    const { client, organisationId } = await signUpOwner("Consent Clinic");
    const f = createFactories(db());
    await f.createPhoneNumber({ id: organisationId });
    await f.createIntent({ id: organisationId });
    const saved = await client.put(settingsRoute.PUT, "/api/privacy/settings", { ...body(), compliance_mode: "hipaa" });
    expect(saved.status).toBe(200);
    expect(saved.body.compliance_mode).toBe("hipaa");
    const assistant = await builtAssistant(organisationId);
    expect(assistant.compliancePlan).toEqual({
      hipaaEnabled: true,
      recordingConsentPlan: { type: "stay-on-line", message: "We record calls to look after you.", waitSeconds: 3 },
    });
    expect(assistant.monitorPlan).toEqual({ listenEnabled: false, controlEnabled: false });
    expect(validateAssistant(assistant)).toEqual({ ok: true });

    await client.put(settingsRoute.PUT, "/api/privacy/settings", body({ delivery: "first_message" }));
    const spoken = await builtAssistant(organisationId);
    expect(spoken).not.toHaveProperty("compliancePlan");
    expect(spoken.firstMessage.startsWith("We record calls to look after you.")).toBe(true);
  });

  it("HIPAA mode: the call detail says the recording is in the clinic's storage instead of offering a player", async () => {
    const { client, organisationId } = await signUpOwner("Hipaa Clinic");
    const f = createFactories(db());
    const call = await f.createCall({ id: organisationId }, { recordingUrl: "https://clinic-bucket.s3.amazonaws.com/call.wav" });
    const voicemail = await f.createCall({ id: organisationId }, { voicemailUrl: "https://api.twilio.com/vm.mp3" });
    const before = await client.get(callRoute.GET, `/api/call-logs/${call.id}`, { id: call.id });
    expect(before.body.recording).toMatchObject({ available: true, in_clinic_storage: false });
    await client.put(settingsRoute.PUT, "/api/privacy/settings", { ...body(), compliance_mode: "hipaa" });
    const after = await client.get(callRoute.GET, `/api/call-logs/${call.id}`, { id: call.id });
    expect(after.body.recording).toEqual({ available: false, kind: null, url: null, in_clinic_storage: true });
    // A voicemail is Twilio's recording, not Vapi's: it still plays.
    const vm = await client.get(callRoute.GET, `/api/call-logs/${voicemail.id}`, { id: voicemail.id });
    expect(vm.body.recording).toMatchObject({ available: true, kind: "voicemail", in_clinic_storage: false });
  });
});
