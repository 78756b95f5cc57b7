import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createVapiCall } from "@/providers/vapi/client";
import { startVapiEmulator, type VapiEmulator } from "@/providers/vapi/emulator";
import { bypassBody } from "./fixtures";

const API_KEY = "vapi-test-key";
let emulator: VapiEmulator;

beforeAll(async () => {
  emulator = await startVapiEmulator({ apiKey: API_KEY });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const call = (overrides: { apiKey?: string; timeoutMs?: number; body?: Record<string, unknown> } = {}) =>
  createVapiCall({
    apiUrl: emulator.url,
    apiKey: overrides.apiKey ?? API_KEY,
    timeoutMs: overrides.timeoutMs ?? 30_000,
    body: overrides.body ?? bypassBody(),
  });

describe("createVapiCall against the Vapi emulator", () => {
  it("returns the call id and Vapi's TwiML verbatim", async () => {
    const result = await call();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const created = emulator.state.calls[0];
    expect(created?.id).toBe(result.callId);
    expect(result.twiml).toBe(created?.twiml);
    expect(result.twiml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Connect><Stream url="wss?:\/\/[^"]+\/call\/[0-9a-f-]{36}\/stream"\/><\/Connect><\/Response>$/,
    );
    expect(created?.customerNumber).toBe("+12015550123");
  });

  it("times out on a slow Vapi after exactly one request, without retrying", async () => {
    emulator.setBehaviour({ kind: "slow", delayMs: 1500 });
    const result = await call({ timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, reason: "timeout" });
    // The emulator finishes the slow request (and creates the call, as Vapi would): no retry came.
    await vi.waitFor(() => expect(emulator.state.calls).toHaveLength(1), { timeout: 30_000, interval: 50 });
    expect(emulator.state.createCallRequests).toBe(1);
  });

  it("reports a 500 as http_error with the status, after one request", async () => {
    emulator.setBehaviour({ kind: "fail" });
    const result = await call();
    expect(result).toMatchObject({ ok: false, reason: "http_error", status: 500 });
    expect(emulator.state.createCallRequests).toBe(1);
    expect(emulator.state.calls).toHaveLength(0);
  });

  it("reports a 401 as http_error", async () => {
    const wrongKey = await call({ apiKey: "not-the-key" });
    expect(wrongKey).toMatchObject({ ok: false, reason: "http_error", status: 401 });
    emulator.setBehaviour({ kind: "unauthorized" });
    expect(await call()).toMatchObject({ ok: false, reason: "http_error", status: 401 });
  });

  it("reports a 400 for a body Vapi would reject, with Vapi's messages in the detail", async () => {
    const result = await call({ body: { ...bypassBody(), customer: { number: 5 } } });
    expect(result).toMatchObject({ ok: false, reason: "http_error", status: 400 });
    if (!result.ok) expect(result.detail).toContain("customer.number must be string");
  });

  it("treats a non-JSON 200 as invalid_response", async () => {
    emulator.setBehaviour({ kind: "garbage", variant: "not-json" });
    expect(await call()).toMatchObject({ ok: false, reason: "invalid_response", status: 200 });
  });

  it("treats a JSON answer without TwiML as invalid_response", async () => {
    emulator.setBehaviour({ kind: "garbage", variant: "no-twiml" });
    const result = await call();
    expect(result).toMatchObject({ ok: false, reason: "invalid_response" });
    if (!result.ok) expect(result.detail).toContain("twiml");
  });

  it("treats a call created without bypass (no TwiML) as invalid_response", async () => {
    const { phoneCallProviderBypassEnabled: _bypass, ...outbound } = bypassBody();
    expect(await call({ body: outbound })).toMatchObject({ ok: false, reason: "invalid_response" });
  });

  it("reports an unreachable Vapi as a network failure instead of throwing", async () => {
    const closed = await startVapiEmulator({ apiKey: API_KEY, warmUp: false });
    const url = closed.url;
    await closed.close();
    const result = await createVapiCall({ apiUrl: url, apiKey: API_KEY, timeoutMs: 2000, body: bypassBody() });
    expect(result).toMatchObject({ ok: false, reason: "network" });
  });
});
