import { eq, sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as twilioStatusRoute from "@/app/api/webhooks/twilio/status/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { simulateIncomingCall, simulateStatusCallback } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { validateAssistant, validateCreateCall } from "@/providers/vapi/openapi";
import { callRouting, calls } from "@/server/db/schema";
import { useTestApp, withEnv } from "../helpers/api";
import { createFactories, type Organisation } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";

const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";
const VAPI_SECRET = "vapi-webhook-secret-for-tests";
const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
const app = await startRouteServer({
  "/api/webhooks/twilio": twilioRoute.POST,
  "/api/webhooks/twilio/status": twilioStatusRoute.POST,
  "/api/webhooks/vapi": vapiRoute.POST,
});
afterAll(async () => {
  await vapi.close();
  await app.close();
});

const test = useTestApp({
  env: () => ({
    PUBLIC_BASE_URL: app.url,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: VAPI_KEY,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: VAPI_SECRET,
    VAPI_PHONE_NUMBER_ID: "vapi-default-number",
    // As long as Twilio allows, so a loaded machine never turns a test into a timeout test.
    VAPI_CALL_TIMEOUT_MS: "12000",
    DEMO: "0",
  }),
});

async function clinic(options: { intents?: boolean; subscription?: string; transfer?: string | null } = {}) {
  const f = createFactories(test.db().db);
  const organisation = await f.createOrganisation({ name: "Harbour Dental", timezone: "Europe/London" });
  const number = await f.createPhoneNumber(organisation);
  await f.createAssistantSettings(organisation);
  if (options.transfer) {
    await test
      .db()
      .db.insert(callRouting)
      .values({ organisationId: organisation.id, staffDestinations: [{ name: "Front desk", number: options.transfer, sms: false }] });
  }
  for (const day of [1, 2, 3, 4, 5]) await f.createWorkingHours(organisation, { dayOfWeek: day });
  if (options.intents !== false) {
    await f.createIntent(organisation, {
      name: "Opening hours",
      examplePhrases: ["when are you open", "во сколько вы открываетесь"],
      responseEn: "We are open nine to five on weekdays.",
      responseRu: "Мы работаем с девяти до пяти по будням.",
    });
  }
  if (options.subscription) await f.createSubscription(organisation, { status: options.subscription });
  return { organisation, number, f };
}

function call(to: string, extra: { callSid?: string; from?: string } = {}) {
  return simulateIncomingCall({
    baseUrl: app.url,
    authToken: TWILIO_TOKEN,
    to,
    from: extra.from ?? "+447700900123",
    callSid: extra.callSid,
  });
}

async function callRow(organisation: Organisation) {
  const rows = await test.db().db.select().from(calls).where(eq(calls.organisationId, organisation.id));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

beforeEach(() => vapi.setBehaviour({ kind: "normal" }));

describe("POST /api/webhooks/twilio", () => {
  it("hands the call to Vapi with the clinic's transient assistant and returns Vapi's TwiML", async () => {
    const { organisation, number } = await clinic();
    const before = vapi.state.createCallRequests;
    const res = await call(number.phoneNumber);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/text\/xml/);
    expect(res.body).toMatch(/<Connect action="[^"]+" method="POST"><Stream url="wss?:\/\/[^"]+\/call\/[^"]+\/stream"\/><\/Connect>/);
    expect(vapi.state.createCallRequests).toBe(before + 1);
    const sent = vapi.state.calls.at(-1)!.body as Record<string, any>;
    expect(validateCreateCall(sent)).toEqual({ ok: true });
    expect(validateAssistant(sent.assistant)).toEqual({ ok: true });
    expect(sent).toMatchObject({
      phoneCallProviderBypassEnabled: true,
      phoneNumberId: "vapi-default-number",
      customer: { number: "+447700900123" },
    });
    expect(sent.assistant.model.messages[0].content).toContain("Мы работаем с девяти до пяти по будням.");
    expect(sent.assistant.server).toEqual({
      url: `${app.url}/api/webhooks/vapi`,
      timeoutSeconds: 10,
      headers: { "x-vapi-secret": VAPI_SECRET },
    });

    const row = await callRow(organisation);
    expect(row).toMatchObject({
      status: "ringing",
      phoneNumberId: number.id,
      fromNumber: "+447700900123",
      toNumber: number.phoneNumber,
      twiml: res.body,
    });
    expect(row.vapiCallId).toBeTruthy();
    expect(sent.assistant.metadata).toEqual({ organisation_id: organisation.id, phone_number_id: number.id, call_id: row.id });
    expect((row.assistantSnapshot as { name: string }).name).toBe("Harbour Dental");
  });

  it("uses the number's own Vapi phone number id when it has one", async () => {
    const { f, organisation } = await clinic();
    const own = await f.createPhoneNumber(organisation, { vapiPhoneNumberId: "vapi-own-number" });
    await call(own.phoneNumber);
    expect((vapi.state.calls.at(-1)!.body as { phoneNumberId: string }).phoneNumberId).toBe("vapi-own-number");
  });

  it("replays the same TwiML for a retried CallSid without a second Vapi call", async () => {
    const { organisation, number } = await clinic();
    const first = await call(number.phoneNumber);
    const before = vapi.state.createCallRequests;
    const again = await call(number.phoneNumber, { callSid: first.callSid });
    expect(again.body).toBe(first.body);
    expect(vapi.state.createCallRequests).toBe(before);
    await callRow(organisation);
  });

  it("gives one Vapi call for concurrent duplicate deliveries", async () => {
    const { organisation, number } = await clinic();
    vapi.setBehaviour({ kind: "slow", delayMs: 150 });
    const before = vapi.state.createCallRequests;
    const sid = `CA${"f".repeat(32)}`;
    const [a, b] = await Promise.all([call(number.phoneNumber, { callSid: sid }), call(number.phoneNumber, { callSid: sid })]);
    expect(a.body).toBe(b.body);
    expect(vapi.state.createCallRequests).toBe(before + 1);
    await callRow(organisation);
  });

  it.each([
    // The timeout is short only where it is the point.
    ["fails (500)", { kind: "fail" as const }, /http_error \(HTTP 500\)/, "12000"],
    ["times out", { kind: "slow" as const, delayMs: 2000 }, /timeout/, "800"],
    ["answers garbage", { kind: "garbage" as const, variant: "not-json" as const }, /invalid_response/, "12000"],
    ["answers JSON without TwiML", { kind: "garbage" as const, variant: "no-twiml" as const }, /invalid_response/, "12000"],
  ])("when Vapi %s the caller gets a message recording and the call row says why", async (_label, behaviour, reason, timeoutMs) => {
    const { organisation, number } = await clinic();
    vapi.setBehaviour(behaviour);
    const res = await withEnv({ VAPI_CALL_TIMEOUT_MS: timeoutMs }, () => call(number.phoneNumber));
    expect(res.status).toBe(200);
    expect(res.body).toContain("<Record");
    const row = await callRow(organisation);
    expect(row.status).toBe("failed");
    expect(row.failureReason).toMatch(reason);
  });

  it("dials the clinic's first staff number when Vapi fails and one is set", async () => {
    const { number } = await clinic({ transfer: "+441632960999" });
    vapi.setBehaviour({ kind: "fail" });
    const res = await call(number.phoneNumber);
    expect(res.body).toMatch(/<Dial[^>]*>\+441632960999<\/Dial>/);
  });

  it("says an unknown or inactive number is not registered, and creates no call", async () => {
    const { f, organisation } = await clinic();
    const inactive = await f.createPhoneNumber(organisation, { isActive: false });
    for (const to of ["+15005550006", inactive.phoneNumber]) {
      const res = await call(to);
      expect(res.status).toBe(200);
      expect(res.body).toMatch(/not registered/);
      expect(res.body).toContain("<Hangup/>");
    }
    const rows = await test.db().db.select().from(calls).where(eq(calls.organisationId, organisation.id));
    expect(rows).toHaveLength(0);
  });

  it("says the clinic is not configured when it has no active intents", async () => {
    const { organisation, number } = await clinic({ intents: false });
    const before = vapi.state.createCallRequests;
    const res = await call(number.phoneNumber);
    expect(res.body).toMatch(/not set up yet/);
    expect(vapi.state.createCallRequests).toBe(before);
    expect((await callRow(organisation)).endedReason).toBe("clinic-not-configured");
  });

  // With billing on (a Stripe key); billing/billing-calls.integration.test.ts covers the rest.
  const billingOn = {
    STRIPE_SECRET_KEY: "sk_test_incomingcalls1",
    STRIPE_WEBHOOK_SECRET: "whsec_incomingcalls1",
    STRIPE_PRICE_ID: "price_plan",
  };
  it.each(["canceled", "unpaid", "incomplete_expired"])("politely refuses a %s subscription and dials the clinic", async (status) => {
    const { organisation, number } = await clinic({ subscription: status, transfer: "+441632960111" });
    const res = await withEnv(billingOn, () => call(number.phoneNumber));
    expect(res.body).toMatch(/not available at the moment/);
    expect(res.body).toContain("+441632960111");
    expect((await callRow(organisation)).endedReason).toBe("subscription-inactive");
  });

  it("answers a clinic with a canceled subscription when billing is off (nothing is gated)", async () => {
    const { organisation, number } = await clinic({ subscription: "canceled" });
    const res = await call(number.phoneNumber);
    expect(res.body).toMatch(/<Connect[^>]*><Stream/);
    expect((await callRow(organisation)).endedReason).toBeNull();
  });

  it("refuses a missing or wrong signature with 403 and no TwiML", async () => {
    const { number } = await clinic();
    const wrong = await simulateIncomingCall({
      baseUrl: app.url,
      authToken: "not-the-token",
      to: number.phoneNumber,
      from: "+447700900123",
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).not.toContain("<Response");
    const unsigned = await fetch(`${app.url}/api/webhooks/twilio`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ CallSid: "CA1", To: number.phoneNumber, From: "+447700900123" }),
    });
    expect(unsigned.status).toBe(403);
  });

  it("verifies against PUBLIC_BASE_URL, not the URL the request arrived on (proxy)", async () => {
    const { number } = await clinic();
    // Signed for the local address while PUBLIC_BASE_URL is the route server's: 403.
    const proxied = await simulateIncomingCall({
      baseUrl: app.url,
      signedBaseUrl: "http://localhost:9999",
      authToken: TWILIO_TOKEN,
      to: number.phoneNumber,
      from: "+447700900123",
    });
    expect(proxied.status).toBe(403);
  });
});

describe("a whole call through the Vapi emulator", () => {
  it("records status updates, the end-of-call report, and refuses to move backwards", async () => {
    const { organisation, number } = await clinic();
    const res = await call(number.phoneNumber);
    const { vapiCallId } = await callRow(organisation);
    const result = await vapi.runConversation(vapiCallId!, { callerSays: ["Hello, when are you open?"] });
    expect(result.deliveries.every((d) => d.status === 200)).toBe(true);
    const row = await callRow(organisation);
    expect(row).toMatchObject({ status: "ended", reportReceivedAt: expect.any(Date), language: "en" });
    expect(row.transcript).toContain("We are open nine to five on weekdays.");
    expect(row.durationSeconds).toBeGreaterThan(0);
    expect(row.recordingUrl).toMatch(/\.wav$/);
    expect(Number(row.cost)).toBeGreaterThan(0);

    // Duplicate and late deliveries change nothing.
    const report = result.deliveries.find((d) => (d.sent as any).message.type === "end-of-call-report")!;
    const ringing = result.deliveries.find((d) => (d.sent as any).message.status === "ringing")!;
    await vapi.redeliver(report);
    await vapi.redeliver(ringing);
    const again = await callRow(organisation);
    expect(again).toMatchObject({ status: "ended", transcript: row.transcript, durationSeconds: row.durationSeconds, cost: row.cost });
    expect(res.status).toBe(200);
  });

  it("answers tool calls for unknown tools with an error, in order, always 200", async () => {
    const { organisation, number } = await clinic();
    await call(number.phoneNumber);
    const { vapiCallId } = await callRow(organisation);
    const body = {
      message: {
        type: "tool-calls",
        call: { id: vapiCallId },
        toolCallList: [
          { id: "t1", type: "function", function: { name: "no_such_tool", arguments: "{}" } },
          { id: "t2", type: "function", function: { name: "another", arguments: { a: 1 } } },
        ],
      },
    };
    const res = await fetch(`${app.url}/api/webhooks/vapi`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-vapi-secret": VAPI_SECRET },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.results.map((r: { toolCallId: string }) => r.toolCallId)).toEqual(["t1", "t2"]);
    expect(json.results[0]).toEqual({ toolCallId: "t1", name: "no_such_tool", error: "Unknown tool no_such_tool." });
  });

  it("creates the row for a report of an unseen call whose metadata names a real clinic number, and ignores others", async () => {
    const { organisation, number } = await clinic();
    const other = await clinic();
    const post = (metadata: Record<string, unknown>, id: string) =>
      fetch(`${app.url}/api/webhooks/vapi`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-vapi-secret": VAPI_SECRET },
        body: JSON.stringify({
          message: {
            type: "end-of-call-report",
            endedReason: "customer-ended-call",
            call: { id, metadata },
            artifact: { transcript: "AI: Hello\nUser: Привет" },
            analysis: { summary: "Short call" },
            startedAt: "2026-11-30T10:00:00Z",
            endedAt: "2026-11-30T10:01:30Z",
          },
        }),
      });
    expect((await post({ organisation_id: organisation.id, phone_number_id: number.id }, "vapi-unseen-1")).status).toBe(200);
    const row = await callRow(organisation);
    expect(row).toMatchObject({ vapiCallId: "vapi-unseen-1", durationSeconds: 90, summary: "Short call", status: "ended" });
    // A number of another clinic does not let a report land in this one (or that one).
    expect((await post({ organisation_id: organisation.id, phone_number_id: other.number.id }, "vapi-unseen-2")).status).toBe(200);
    const count = await test.db().db.execute(sql`select count(*)::int as n from calls where vapi_call_id = 'vapi-unseen-2'`);
    expect(count.rows[0]!.n).toBe(0);
  });

  it("refuses a missing or wrong x-vapi-secret with 401, and malformed bodies with 400", async () => {
    const send = (headers: Record<string, string>, body: string) =>
      fetch(`${app.url}/api/webhooks/vapi`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await send({}, "{}")).status).toBe(401);
    expect((await send({ "x-vapi-secret": "wrong" }, "{}")).status).toBe(401);
    expect((await send({ "x-vapi-secret": VAPI_SECRET }, "{not json")).status).toBe(400);
    expect((await send({ "x-vapi-secret": VAPI_SECRET }, JSON.stringify({ message: { type: "speech-update" } }))).status).toBe(200);
  });
});

describe("POST /api/webhooks/twilio/status", () => {
  it("moves the status forward with the duration, and never back", async () => {
    const { organisation, number } = await clinic();
    const first = await call(number.phoneNumber);
    const done = await simulateStatusCallback({
      baseUrl: app.url,
      authToken: TWILIO_TOKEN,
      to: number.phoneNumber,
      from: "+447700900123",
      callSid: first.callSid,
      callStatus: "completed",
      callDuration: 61,
    });
    expect(done.status).toBe(200);
    const late = await simulateStatusCallback({
      baseUrl: app.url,
      authToken: TWILIO_TOKEN,
      to: number.phoneNumber,
      from: "+447700900123",
      callSid: first.callSid,
      callStatus: "ringing",
    });
    expect(late.status).toBe(200);
    expect(await callRow(organisation)).toMatchObject({ status: "ended", durationSeconds: 61 });
  });
});
