import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as previewRoute from "@/app/api/assistant-preview/route";
import * as demoCallRoute from "@/app/api/demo/test-call/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { validateAssistant } from "@/providers/vapi/openapi";
import { resetConfigForTests } from "@/server/config";
import { calls, intents, phoneNumbers } from "@/server/db/schema";
import { startDemoControlServer } from "@/server/demo/demo-control-server";
import { DEMO_CREDENTIALS } from "@/server/demo/demo-credentials";
import { loadDemoSecrets } from "@/server/demo/demo-secrets";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { startRouteServer } from "../helpers/route-server";

const secrets = loadDemoSecrets(mkdtempSync(path.join(tmpdir(), "clinicall-demo-secrets-")));
const vapi = await startVapiEmulator({ apiKey: secrets.vapiApiKey });
const app = await startRouteServer({ "/api/webhooks/twilio": twilioRoute.POST, "/api/webhooks/vapi": vapiRoute.POST });
// What scripts/start.ts runs next to the emulators in demo mode: it places the simulated calls.
const control = await startDemoControlServer({ appUrl: app.url, publicBaseUrl: app.url, twilioAuthToken: secrets.twilioAuthToken });
afterAll(async () => {
  await control.close();
  await vapi.close();
  await app.close();
});

const test = useTestApp({
  env: () => ({
    PUBLIC_BASE_URL: app.url,
    PORT: new URL(app.url).port,
    DEMO: "1",
    TWILIO_AUTH_TOKEN: secrets.twilioAuthToken,
    VAPI_API_KEY: secrets.vapiApiKey,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: secrets.vapiWebhookSecret,
    VAPI_PHONE_NUMBER_ID: DEMO_CREDENTIALS.vapiPhoneNumberId,
    DEMO_CONTROL_URL: control.url,
    DEMO_CONTROL_TOKEN: control.token,
  }),
});

async function readyClinic() {
  const owner = await signUpOwner("Preview Dental");
  await test
    .db()
    .db.insert(intents)
    .values({
      organisationId: owner.organisationId,
      name: "Parking",
      examplePhrases: ["where can I park"],
      responseEn: "There is free parking behind the clinic.",
      responseRu: "За клиникой есть бесплатная парковка.",
    });
  await test
    .db()
    .db.insert(phoneNumbers)
    .values({ organisationId: owner.organisationId, phoneNumber: `+1555${Date.now() % 10_000_000}`.padEnd(12, "0") });
  return owner;
}

describe("GET /api/assistant-preview", () => {
  it("shows exactly the assistant the next call gets, to any member, with the secret hidden", async () => {
    const owner = await readyClinic();
    const member = await addTeammate(owner.client, "member");
    const res = await member.client.get(previewRoute.GET, "/api/assistant-preview");
    expect(res.status).toBe(200);
    expect(res.body.ready).toBe(true);
    expect(validateAssistant(res.body.assistant)).toEqual({ ok: true });
    expect(res.body.assistant.model.messages[0].content).toContain("За клиникой есть бесплатная парковка.");
    expect(res.body.assistant.server.headers["x-vapi-secret"]).not.toBe(secrets.vapiWebhookSecret);
    expect(JSON.stringify(res.body)).not.toContain(secrets.vapiWebhookSecret);
    expect(res.body.assistant.metadata.organisation_id).toBe(owner.organisationId);
  });

  it("says what is missing when the clinic cannot take calls yet", async () => {
    const owner = await signUpOwner("Fresh Clinic");
    const res = await owner.client.get(previewRoute.GET, "/api/assistant-preview");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ready: false, missing: "no_intents", assistant: null });
    expect(res.body.message).toMatch(/no active intents/);
  });
});

describe("POST /api/demo/test-call", () => {
  it("places a simulated call through the whole pipeline and the clinic sees it", async () => {
    const owner = await readyClinic();
    const res = await owner.client.post(demoCallRoute.POST, "/api/demo/test-call", { caller_says: ["Where can I park?"] });
    expect(res.status).toBe(201);
    expect(res.body.connected).toBe(true);
    expect(res.body.transcript).toContain("There is free parking behind the clinic.");
    const rows = await test.db().db.select().from(calls).where(eq(calls.organisationId, owner.organisationId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "ended", fromNumber: "+15557654321" });
    expect(rows[0]!.transcript).toContain("There is free parking behind the clinic.");
  });

  it("asks for a phone number first, and validates what the caller says", async () => {
    const owner = await signUpOwner("No Number Clinic");
    expect((await owner.client.post(demoCallRoute.POST, "/api/demo/test-call", {})).status).toBe(409);
    expect((await owner.client.post(demoCallRoute.POST, "/api/demo/test-call", { caller_says: [] })).status).toBe(422);
  });

  it("the control endpoint answers only its token, on its one path", async () => {
    const call = { to: "+15551230000", from: "+15557654321", caller_says: ["Hello"] };
    const post = (path: string, authorization: string, body: unknown) =>
      fetch(`${control.url}${path}`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("/test-calls", "Bearer wrong", call)).status).toBe(401);
    expect((await post("/test-calls", `Bearer ${control.token}`, { to: "+15551230000" })).status).toBe(400);
    expect((await post("/other", `Bearer ${control.token}`, call)).status).toBe(404);
  });

  it("does not exist outside demo mode", async () => {
    const owner = await readyClinic();
    process.env.DEMO = "0";
    resetConfigForTests();
    try {
      expect((await owner.client.post(demoCallRoute.POST, "/api/demo/test-call", {})).status).toBe(404);
    } finally {
      process.env.DEMO = "1";
      resetConfigForTests();
    }
  });
});
