import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createVapiCall } from "@/providers/vapi/client";
import { startVapiEmulator, type VapiEmulator, vapiCallIdFromTwiml } from "@/providers/vapi/emulator";
import { bypassBody, transientAssistant } from "./fixtures";

const API_KEY = "vapi-emulator-key";
let emulator: VapiEmulator;

beforeAll(async () => {
  emulator = await startVapiEmulator({ apiKey: API_KEY });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const post = (body: unknown, authorization: string | null = `Bearer ${API_KEY}`) =>
  fetch(`${emulator.url}/call`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("Vapi emulator: POST /call", () => {
  it.each([
    ["no Authorization header", null],
    ["a wrong key", "Bearer someone-else"],
    ["the key without Bearer", API_KEY],
  ])("refuses %s with 401 and Vapi's error shape, creating nothing", async (_label, authorization) => {
    const response = await post(bypassBody(), authorization);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      statusCode: 401,
      error: "Unauthorized",
      message: expect.stringContaining("Invalid Key"),
    });
    expect(emulator.state.calls).toHaveLength(0);
    expect(emulator.state.createCallRequests).toBe(1);
  });

  it("answers 201 with a queued inbound call and TwiML that streams to it", async () => {
    const response = await post(bypassBody());
    expect(response.status).toBe(201);
    const call = (await response.json()) as Record<string, any>;
    expect(call).toMatchObject({ status: "queued", type: "inboundPhoneCall", orgId: expect.any(String), createdAt: expect.any(String) });
    expect(call.phoneCallProviderDetails.twiml).toContain(`/call/${call.id}/stream`);
    expect(vapiCallIdFromTwiml(call.phoneCallProviderDetails.twiml)).toBe(call.id);
    expect(vapiCallIdFromTwiml("<Response><Say>Hi</Say></Response>")).toBeUndefined();
    expect(emulator.state.calls.map((recorded) => recorded.id)).toEqual([call.id]);
  });

  it("keeps only its newest `keepCalls` calls, and counts every call it created", async () => {
    const small = await startVapiEmulator({ apiKey: API_KEY, keepCalls: 2, warmUp: false });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${small.url}/call`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}` },
          body: JSON.stringify(bypassBody()),
        });
        expect(response.status).toBe(201);
        ids.push(((await response.json()) as { id: string }).id);
      }
      expect(small.state.callsCreated).toBe(3);
      const listed = (await (await fetch(`${small.url}/call`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as {
        id: string;
      }[];
      expect(listed.map((call) => call.id)).toEqual([ids[2], ids[1]]);
    } finally {
      await small.close();
    }
  });

  it("rejects with 400 and readable messages what the OpenAPI document rejects", async () => {
    const response = await post({ ...bypassBody(), assistant: { ...transientAssistant(), model: { provider: "openai" } } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, error: "Bad Request", message: ["assistant.model.model is required"] });
    expect(emulator.state.calls).toHaveLength(0);
  });

  it("rejects unknown properties, as Vapi's API does", async () => {
    const response = await post({ ...bypassBody(), callerId: "+12015550123" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string[] }).message).toContain("callerId is not a known property");
  });

  it("rejects a body that is not JSON, and one without any assistant", async () => {
    expect((await post("{not json")).status).toBe(400);
    const { assistant: _assistant, ...withoutAssistant } = bypassBody();
    const response = await post(withoutAssistant);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("Need one of assistant");
  });

  it("serves a created call on GET /call/:id with the key, and small valid WAV recordings", async () => {
    const created = await createVapiCall({ apiUrl: emulator.url, apiKey: API_KEY, timeoutMs: 30_000, body: bypassBody() });
    if (!created.ok) throw new Error(created.detail);
    const call = await fetch(`${emulator.url}/call/${created.callId}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(call.status).toBe(200);
    expect(await call.json()).toMatchObject({ id: created.callId, status: "queued", phoneCallProviderDetails: { twiml: created.twiml } });
    expect((await fetch(`${emulator.url}/call/${created.callId}`)).status).toBe(401);

    const wav = await fetch(`${emulator.url}/recordings/${created.callId}-mono.wav`);
    expect(wav.status).toBe(200);
    expect(wav.headers.get("content-type")).toBe("audio/wav");
    const bytes = Buffer.from(await wav.arrayBuffer());
    expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(bytes.subarray(8, 12).toString("ascii")).toBe("WAVE");
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
    expect((await fetch(`${emulator.url}/recordings/00000000-0000-4000-8000-000000000000.wav`)).status).toBe(404);
  });

  it("answers an unknown route with a NestJS-style 404", async () => {
    const response = await fetch(`${emulator.url}/assistant`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404 });
  });
});
