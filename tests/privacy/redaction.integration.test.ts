import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/assistant-settings/route";
import * as listRoute from "@/app/api/messages/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { calls } from "@/server/db/schema";
import { takeMessageTool } from "@/server/messages/tools/take-message-tool";
import { signUpOwner } from "../helpers/accounts";
import { type ApiClient, BASE_URL, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const VAPI_SECRET = "redaction-vapi-webhook-secret";
const test = useTestApp({
  jobs: "enqueue",
  env: () => ({
    TWILIO_AUTH_TOKEN: "redaction-twilio-token",
    VAPI_API_KEY: "redaction-key",
    VAPI_API_URL: "http://127.0.0.1:9",
    VAPI_WEBHOOK_SECRET: VAPI_SECRET,
    DEMO: "0",
  }),
});

const settings = {
  greeting_en: "Hello, Harbour Dental.",
  greeting_ru: null,
  default_language: "en",
  after_hours_behaviour: "take_message",
  recording_disclosure: { enabled: true, text: "Calls are recorded." },
  max_call_minutes: 10,
  emergency_message: "In an emergency, call 999.",
};

function put(client: ApiClient, body: unknown) {
  return client.put(settingsRoute.PUT, "/api/assistant-settings", body);
}

function send(message: Record<string, unknown>) {
  return vapiRoute.POST(
    new Request(`${BASE_URL}/api/webhooks/vapi`, {
      method: "POST",
      headers: { "x-vapi-secret": VAPI_SECRET, "content-type": "application/json" },
      body: JSON.stringify({ message }),
    }),
  );
}

const CARD_TURN = "My card is 4242 4242 4242 4242 and my email is ann@example.com";

async function reportFor(redact: boolean | undefined) {
  const { client, organisationId } = await signUpOwner();
  if (redact !== undefined) expect((await put(client, { ...settings, redact_personal_data: redact })).status).toBe(200);
  const f = createFactories(test.db().db);
  const number = await f.createPhoneNumber({ id: organisationId });
  const call = await f.createCall(
    { id: organisationId },
    { phoneNumberId: number.id, status: "in-progress", fromNumber: "+14155550123", vapiCallId: `vapi-${number.id}` },
  );
  const res = await send({
    type: "end-of-call-report",
    endedReason: "customer-ended-call",
    call: { id: call.vapiCallId },
    summary: "Caller gave card 4242424242424242 to pay; booked 10:30 on 2026-12-07.",
    analysis: {
      summary: "Caller gave card 4242424242424242 to pay; booked 10:30 on 2026-12-07.",
      structuredData: { card: "4242 4242 4242 4242", time: "10:30" },
    },
    artifact: {
      transcript: `AI: Hello\nUser: ${CARD_TURN}\nAI: Booked for 10:30 on December 7.`,
      messages: [
        { role: "bot", message: "Hello", time: 1, secondsFromStart: 0 },
        { role: "user", message: CARD_TURN, time: 2, secondsFromStart: 1 },
      ],
    },
  });
  expect(res.status).toBe(200);
  const [row] = await test.db().db.select().from(calls).where(eq(calls.id, call.id));
  return { row: row!, client, organisationId, call };
}

describe("redaction of what calls store", () => {
  it("is off by default, readable and writable through the assistant settings; a PUT without it keeps it", async () => {
    const { client } = await signUpOwner();
    expect((await client.get(settingsRoute.GET, "/api/assistant-settings")).body.redact_personal_data).toBe(false);
    expect((await put(client, { ...settings, redact_personal_data: true })).body.redact_personal_data).toBe(true);
    expect((await put(client, settings)).body.redact_personal_data).toBe(true);
    expect((await client.get(settingsRoute.GET, "/api/assistant-settings")).body.redact_personal_data).toBe(true);
    const bad = await put(client, { ...settings, redact_personal_data: "yes" });
    expect(bad.status).toBe(422);
  });

  it("on: the end-of-call report is stored with the card and email redacted and counted; the caller's number stays", async () => {
    const { row } = await reportFor(true);
    const stored = JSON.stringify([row.transcript, row.messages, row.summary, row.structuredData]);
    expect(stored).not.toMatch(/4242|ann@example\.com/);
    expect(row.transcript).toContain("User: My card is [card number] and my email is [email]");
    expect(row.transcript).toContain("Booked for 10:30 on December 7.");
    expect(row.summary).toBe("Caller gave card [card number] to pay; booked 10:30 on 2026-12-07.");
    expect(row.structuredData).toEqual({ card: "[card number]", time: "10:30" });
    expect(row.redactions).toEqual({ card: 1, email: 1 });
    expect(row.fromNumber).toBe("+14155550123");
  });

  it.each([false, undefined])("off (%s): the report is stored untouched and nothing is counted", async (setting) => {
    const { row } = await reportFor(setting);
    expect(row.transcript).toContain(CARD_TURN);
    expect(row.summary).toContain("4242424242424242");
    expect(row.structuredData).toEqual({ card: "4242 4242 4242 4242", time: "10:30" });
    expect(row.redactions).toBeNull();
  });

  it("on: a message taken by the assistant is stored redacted, its callback number kept", async () => {
    const { client, organisationId } = await signUpOwner();
    await put(client, { ...settings, redact_personal_data: true });
    const call = await createFactories(test.db().db).createCall({ id: organisationId }, { fromNumber: "+14155550123" });
    await takeMessageTool(
      { reason: "Pay with card 4242-4242-4242-4242", summary: "DOB: 07/03/1985, email ann@example.com", callback_number: "+14155550199" },
      { organisationId, callId: call.id, callerNumber: "+14155550123", toolCallId: "call_redact" },
    );
    const page = await client.get(listRoute.GET, "/api/messages");
    expect(page.body.messages[0]).toMatchObject({
      reason: "Pay with card [card number]",
      summary: "DOB: [date of birth], email [email]",
      caller_number: "+14155550199",
    });
  });
});
