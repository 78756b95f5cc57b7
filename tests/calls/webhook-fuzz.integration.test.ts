import { describe, expect, it } from "vitest";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { signTwilioRequest } from "@/providers/twilio/signature";
import { BASE_URL, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const TWILIO_TOKEN = "fuzz-twilio-token";
const VAPI_SECRET = "fuzz-vapi-webhook-secret";
const test = useTestApp({
  env: () => ({
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: "fuzz-key",
    // Nothing listens here: any request that reaches Vapi fails fast and takes the fallback path.
    VAPI_API_URL: "http://127.0.0.1:9",
    VAPI_WEBHOOK_SECRET: VAPI_SECRET,
    VAPI_PHONE_NUMBER_ID: "fuzz-number",
    VAPI_CALL_TIMEOUT_MS: "500",
    DEMO: "0",
  }),
});

/** A small deterministic PRNG (mulberry32), so a failure replays exactly. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzer(seed: number, known: { uuids: string[]; numbers: string[] }) {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const strings = [
    "",
    " ",
    "+",
    "+1",
    "anonymous",
    "null",
    "{}",
    "[]",
    "\u0000",
    "💥",
    "ä".repeat(300),
    "x".repeat(5000),
    "<Response/>",
    "' or 1=1 --",
    "-1",
    "1e309",
    "NaN",
  ];
  const anyString = (): string => (rand() < 0.5 ? pick(strings) : Math.random().toString(36).slice(2));
  const value = (depth = 0): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.2) return pick([null, true, false, 0, -1, 1.5, 2 ** 53, anyString(), pick(known.uuids), pick(known.numbers)]);
    if (r < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(rand() * 5) }, () => [
        pick([
          "type",
          "call",
          "id",
          "metadata",
          "status",
          "toolCallList",
          "artifact",
          "analysis",
          "endedReason",
          "function",
          "name",
          "arguments",
          "organisation_id",
          "phone_number_id",
          "call_id",
          anyString(),
        ]),
        value(depth + 1),
      ]),
    );
  };
  const types = ["status-update", "end-of-call-report", "tool-calls", "hang", "assistant-request", "speech-update", "", 42];
  const vapiBody = (): string => {
    const r = rand();
    if (r < 0.1) return anyString();
    if (r < 0.2) return JSON.stringify(value());
    const message: Record<string, unknown> = { type: pick(types) };
    for (let i = 0; i < 4; i++)
      message[pick(["call", "status", "endedReason", "toolCallList", "artifact", "analysis", "startedAt", "endedAt", "cost", "costs"])] =
        value(1);
    if (rand() < 0.5)
      message.call = {
        id: rand() < 0.5 ? anyString() : pick(known.uuids),
        metadata: { organisation_id: pick(known.uuids), phone_number_id: pick(known.uuids), call_id: pick(known.uuids) },
      };
    return JSON.stringify({ message });
  };
  const twilioParams = (): Record<string, string> => {
    const params: Record<string, string> = {};
    for (const key of ["CallSid", "To", "From", "CallStatus", "Direction", anyString()])
      if (rand() < 0.8) params[key] = rand() < 0.4 ? pick(known.numbers) : anyString();
    // Half the forms carry a well-formed CallSid, so they reach the database and the fallbacks.
    if (rand() < 0.5) params.CallSid = `CA${Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join("")}`;
    return params;
  };
  return { vapiBody, twilioParams, rand };
}

describe("webhooks under random and malformed input", () => {
  it("the Vapi webhook answers a few thousand bodies with 2xx or 4xx, never 5xx", async () => {
    const f = createFactories(test.db().db);
    const org = await f.createOrganisation();
    const number = await f.createPhoneNumber(org);
    const call = await f.createCall(org, { phoneNumberId: number.id });
    const { vapiBody } = fuzzer(20261129, {
      uuids: [org.id, number.id, call.id, "00000000-0000-4000-8000-000000000000"],
      numbers: [number.phoneNumber],
    });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 2500; i++) {
      const body = vapiBody();
      const res = await vapiRoute.POST(
        new Request(`${BASE_URL}/api/webhooks/vapi`, {
          method: "POST",
          headers: { "x-vapi-secret": VAPI_SECRET, "content-type": "application/json" },
          body,
        }),
      );
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) throw new Error(`5xx for body ${body.slice(0, 500)}: ${await res.text()}`);
    }
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });

  it("the Twilio webhook answers a thousand signed random forms without a 5xx, and unsigned ones with 403", async () => {
    const f = createFactories(test.db().db);
    const org = await f.createOrganisation();
    const number = await f.createPhoneNumber(org);
    const { twilioParams, rand } = fuzzer(7, { uuids: [org.id], numbers: [number.phoneNumber, "+15005550006"] });
    const url = `${BASE_URL}/api/webhooks/twilio`;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const params = twilioParams();
      const signed = rand() < 0.85;
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (signed) headers["x-twilio-signature"] = signTwilioRequest({ authToken: TWILIO_TOKEN, url, params });
      const res = await twilioRoute.POST(new Request(url, { method: "POST", headers, body: new URLSearchParams(params) }));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) throw new Error(`5xx for ${JSON.stringify(params).slice(0, 500)}`);
      if (!signed) expect(res.status).toBe(403);
    }
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(403)).toBeGreaterThan(0);
  });
});
