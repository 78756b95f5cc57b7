import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as callRoute from "@/app/api/call-logs/[id]/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { signTwilioRequest } from "@/providers/twilio/signature";
import { inboundCallParams, newSid } from "@/providers/twilio/simulator";
import { routePattern } from "@/server/http/route-pattern";
import { log } from "@/server/log";
import { signUpOwner } from "../helpers/accounts";
import { BASE_URL, useTestApp } from "../helpers/api";

const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_SECRET = "vapi-webhook-secret-for-tests";
useTestApp({
  env: () => ({
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: "vapi-test-key",
    VAPI_WEBHOOK_SECRET: VAPI_SECRET,
    DEMO: "0",
  }),
});

/** Every line the app's logger writes while a test runs, parsed. */
let lines: Record<string, unknown>[] = [];
const streamSym = pino.symbols.streamSym as unknown as keyof typeof log;
const originalStream = log[streamSym];
const originalLevel = log.level;
beforeEach(() => {
  lines = [];
  (log as unknown as Record<symbol, unknown>)[streamSym as symbol] = { write: (line: string) => void lines.push(JSON.parse(line)) };
  log.level = "info";
});
afterEach(() => {
  (log as unknown as Record<symbol, unknown>)[streamSym as symbol] = originalStream;
  log.level = originalLevel;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Twilio's voice webhook for a number no clinic has, signed as Twilio signs it. */
async function callUnregisteredNumber() {
  const callSid = newSid("CA");
  const params = inboundCallParams({ to: "+15005550199", from: "+447700900123", callSid });
  const url = `${BASE_URL}/api/webhooks/twilio`;
  const res = await twilioRoute.POST(
    new Request(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest({ authToken: TWILIO_TOKEN, url, params }),
      },
      body: new URLSearchParams(params).toString(),
    }),
  );
  return { status: res.status, requestId: res.headers.get("x-request-id"), callSid };
}

describe("x-request-id", () => {
  it("is generated for every API response and kept when the caller sends a short safe one", async () => {
    const { client } = await signUpOwner();
    const id = randomUUID();
    const generated = await client.get(callRoute.GET, `/api/call-logs/${id}`, { id });
    expect(generated.headers.get("x-request-id")).toMatch(UUID);
    const kept = await client.call(callRoute.GET, "GET", `/api/call-logs/${id}`, {
      params: { id },
      headers: { "x-request-id": "lb-7f3a9c21.req:42" },
    });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a9c21.req:42");
  });

  it.each([
    ["too short", "abc"],
    ["too long", "a".repeat(65)],
    ["with spaces", "id with spaces"],
    ["with a line break", "abcdefgh\r\nx-evil: 1"],
    ["with markup", "<script>alert(1)</script>"],
  ])("replaces an incoming id %s with a generated one", async (_, incoming) => {
    const { client } = await signUpOwner();
    const id = randomUUID();
    const res = await client.call(callRoute.GET, "GET", `/api/call-logs/${id}`, {
      params: { id },
      headers: { "x-request-id": incoming.replace(/[\r\n]/g, " ") },
    });
    expect(res.headers.get("x-request-id")).toMatch(UUID);
  });
});

describe("log lines of a request", () => {
  it("carry the request id the response returns, and the call's CallSid", async () => {
    const res = await callUnregisteredNumber();
    expect(res.status).toBe(200);
    const requestId = res.requestId;
    expect(requestId).toMatch(UUID);
    const line = lines.find((l) => l.msg === "incoming call to a number no clinic has registered");
    expect(line).toMatchObject({ requestId, callSid: res.callSid });
  });

  it("of concurrent requests each carry their own request id", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => callUnregisteredNumber()));
    for (const res of results) {
      const line = lines.find((l) => l.callSid === res.callSid);
      expect(line?.requestId).toBe(res.requestId);
    }
    expect(new Set(results.map((r) => r.requestId)).size).toBe(6);
  });

  it("of a Vapi message carry our call id and Vapi's, though the handler logs neither", async () => {
    const callId = randomUUID();
    const body = JSON.stringify({
      message: {
        type: "end-of-call-report",
        endedReason: "customer-ended-call",
        call: { id: "vapi-call-unknown-1", metadata: { call_id: callId } },
      },
    });
    const res = await vapiRoute.POST(
      new Request(`${BASE_URL}/api/webhooks/vapi`, {
        method: "POST",
        headers: { "x-vapi-secret": VAPI_SECRET, "content-type": "application/json" },
        body,
      }),
    );
    expect(res.status).toBe(200);
    const line = lines.find((l) => l.msg?.toString().startsWith("end-of-call-report for an unknown call"));
    expect(line).toMatchObject({ requestId: res.headers.get("x-request-id"), callId, vapiCallId: "vapi-call-unknown-1" });
  });

  it("outside any request carry no request id", () => {
    log.info("background line");
    expect(lines.at(-1)).not.toHaveProperty("requestId");
  });
});

describe("routePattern", () => {
  it("writes each dynamic segment as its parameter's name", () => {
    const id = randomUUID();
    expect(routePattern(`/api/call-logs/${id}/recording`, { id })).toBe("/api/call-logs/[id]/recording");
    expect(routePattern("/api/intents/order", {})).toBe("/api/intents/order");
    expect(routePattern("/api/files/a/b%20c", { path: ["a", "b c"] })).toBe("/api/files/[...path]");
    expect(routePattern("/api/x/1/y/1", { a: "1", b: "1" })).toBe("/api/x/[b]/y/[a]");
  });
});
