import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createVapiCall } from "@/providers/vapi/client";
import { startVapiEmulator, type VapiEmulator } from "@/providers/vapi/emulator";
import { validateVapiComponent } from "@/providers/vapi/openapi";
import { parseVapiMessage } from "@/providers/vapi/webhook-schemas";
import { bypassBody, changed, transientAssistant } from "./fixtures";
import { startWebhookRecorder, type ToolAnswer, type WebhookRecorder } from "./webhook-recorder";

const API_KEY = "vapi-conversation-key";
const NOW = new Date("2026-03-10T08:00:00Z"); // a Tuesday
let emulator: VapiEmulator;
let recorder: WebhookRecorder | undefined;

beforeAll(async () => {
  emulator = await startVapiEmulator({ apiKey: API_KEY });
});
afterAll(() => emulator.close());
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
  emulator.reset();
});

async function placeCall(assistant: Record<string, unknown>, answerTool?: ToolAnswer): Promise<{ callId: string; hook: WebhookRecorder }> {
  const hook = await startWebhookRecorder(answerTool);
  recorder = hook;
  const withServer = { ...assistant, server: { ...(assistant.server as object), url: hook.url } };
  const created = await createVapiCall({ apiUrl: emulator.url, apiKey: API_KEY, timeoutMs: 30_000, body: bypassBody(withServer) });
  if (!created.ok) throw new Error(`create call failed: ${created.detail}`);
  return { callId: created.callId, hook };
}

const bodies = (hook: WebhookRecorder) => hook.received.map((request) => request.body as { message: Record<string, any> });

describe("Vapi emulator: scripted conversation", () => {
  it("books a cleaning: status updates, both booking tools, then the report, all carrying the secret and our metadata", async () => {
    const { callId, hook } = await placeCall(transientAssistant());
    const result = await emulator.runConversation(callId, {
      callerSays: ["Can I book a cleaning tomorrow at 10?"],
      now: NOW,
      callerName: "Test Caller",
    });

    const received = bodies(hook);
    expect(received.map(({ message }) => message.status ?? message.toolCallList?.[0]?.function.name ?? message.type)).toEqual([
      "ringing",
      "in-progress",
      "check_availability",
      "book_appointment",
      "ended",
      "end-of-call-report",
    ]);
    for (const request of hook.received) expect(request.headers["x-vapi-secret"]).toBe("test-webhook-secret");
    for (const { message } of received) {
      expect(message.call.id).toBe(callId);
      expect(message.call.metadata).toEqual({ organisation_id: "org-1", phone_number_id: "pn-1", call_id: "call-row-1" });
    }

    expect(result.toolResults.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "check_availability", args: { date: "2026-03-11", service: "Book a cleaning" } },
      { name: "book_appointment", args: { start: "2026-03-11T10:00:00+00:00", name: "Test Caller", phone: "+12015550123" } },
    ]);
    // The recorder answered with a two-line string; toolCallResponse made it one line.
    expect(result.toolResults[1]?.result).toBe(`book_appointment done with ${JSON.stringify(result.toolResults[1]?.arguments)}`);
    // Asked for their name before booking, the caller gave it.
    expect(result.transcript).toContain("May I have your full name, please?\nUser: My name is Test Caller.");
    expect(emulator.state.calls[0]).toMatchObject({ status: "ended", endedReason: "customer-ended-call" });
  });

  it("writes an end-of-call report whose transcript follows the clinic's intents, with served recordings", async () => {
    const { callId, hook } = await placeCall(transientAssistant());
    await emulator.runConversation(callId, {
      callerSays: ["Can I book a cleaning tomorrow at 10?", "What are your opening hours?"],
      now: NOW,
    });

    const report = bodies(hook).at(-1)?.message;
    expect(report?.type).toBe("end-of-call-report");
    const transcript = String(report?.artifact.transcript);
    expect(transcript.split("\n")).toEqual([
      "AI: Hello, Smile Dental, how can I help you? Здравствуйте!",
      "User: Can I book a cleaning tomorrow at 10?",
      "AI: Of course. Let me check when we can see you. May I have your full name, please?",
      "User: What are your opening hours?",
      "AI: We are open Monday to Friday, 9 am to 6 pm. May I have your full name, please?",
      "User: My name is Jane Doe.",
      "AI: Thank you, Jane. You're booked for Wednesday 11 March at 10:00.",
    ]);
    expect(report).toMatchObject({
      startedAt: NOW.toISOString(),
      endedReason: "customer-ended-call",
      analysis: { summary: "Jane Doe booked an appointment for Wednesday 11 March at 10:00.", successEvaluation: "true" },
    });
    // Each line lasts about as long as it takes to say it.
    expect(Date.parse(report?.endedAt) - Date.parse(report?.startedAt)).toBe(38_000);
    const recording = await fetch(report?.artifact.recording.mono.combinedUrl);
    expect(recording.status).toBe(200);
    expect(report?.cost).toBeGreaterThan(0);
  });

  it("answers a Russian caller in Russian and calls no tool for an hours question", async () => {
    const { callId, hook } = await placeCall(transientAssistant());
    const result = await emulator.runConversation(callId, { callerSays: ["Когда вы открыты?"], now: NOW });
    expect(result.toolResults).toEqual([]);
    expect(result.transcript).toContain("AI: Мы работаем с понедельника по пятницу, с 9 до 18.");
    expect(bodies(hook).some(({ message }) => message.type === "tool-calls")).toBe(false);
  });

  it("calls no tool when the assistant has no booking tools", async () => {
    const withoutCalendar = changed(transientAssistant() as Record<string, any>, (a) => {
      a.model.tools = a.model.tools.filter((tool: { type: string }) => tool.type !== "function");
    });
    const { callId, hook } = await placeCall(withoutCalendar);
    await emulator.runConversation(callId, { callerSays: ["I want to book an appointment"], now: NOW });
    expect(bodies(hook).map(({ message }) => message.type)).toEqual([
      "status-update",
      "status-update",
      "status-update",
      "end-of-call-report",
    ]);
  });

  it("records a tool error, speaks an apology and marks the call unsuccessful", async () => {
    const { callId, hook } = await placeCall(transientAssistant(), (toolCall) => ({
      toolCallId: toolCall.id,
      name: toolCall.name,
      error: "calendar not connected",
    }));
    const result = await emulator.runConversation(callId, { callerSays: ["Are there any free slots on Friday?"], now: NOW });
    expect(result.toolResults).toEqual([
      expect.objectContaining({
        name: "check_availability",
        error: "calendar not connected",
        arguments: expect.objectContaining({ date: "2026-03-13" }),
      }),
    ]);
    expect(result.transcript).toContain("Sorry, I could not do that just now.");
    expect(bodies(hook).at(-1)?.message.analysis.successEvaluation).toBe("false");
  });

  it("ends with assistant-forwarded-call when the caller asks for a person and transferCall exists", async () => {
    const { callId } = await placeCall(transientAssistant());
    const result = await emulator.runConversation(callId, { callerSays: ["Can I talk to a person please?"], now: NOW });
    expect(result.endedReason).toBe("assistant-forwarded-call");
  });

  it("sends tool arguments as objects when asked, and honours argument overrides", async () => {
    const { callId, hook } = await placeCall(transientAssistant());
    await emulator.runConversation(callId, {
      callerSays: ["Book me in please"],
      now: NOW,
      toolArgumentsAs: "object",
      toolArguments: { book_appointment: { start: "2026-03-12T15:30:00", name: "Anna" } },
    });
    const booking = bodies(hook).find(({ message }) => message.toolCallList?.[0]?.function.name === "book_appointment");
    expect(booking?.message.toolCallList[0].function.arguments).toEqual({ start: "2026-03-12T15:30:00", name: "Anna" });
  });

  it("sends messages that parse with our schemas and conform to Vapi's ServerMessage schemas", async () => {
    const { callId, hook } = await placeCall(transientAssistant());
    await emulator.runConversation(callId, { callerSays: ["Can I book a cleaning tomorrow at 10?"], now: NOW });
    const schemaFor: Record<string, string> = {
      "status-update": "ServerMessageStatusUpdate",
      "tool-calls": "ServerMessageToolCalls",
      "end-of-call-report": "ServerMessageEndOfCallReport",
    };
    for (const body of bodies(hook)) {
      expect(parseVapiMessage(body)).toMatchObject({ ok: true, message: { callId } });
      // Vapi's Call schema has no metadata; our copy there is the one deliberate addition.
      const { metadata: _metadata, ...call } = body.message.call;
      const schema = schemaFor[body.message.type];
      expect(schema && validateVapiComponent(schema, { ...body.message, call })).toEqual({ ok: true });
    }
  });

  it("redelivers a recorded message unchanged, as a duplicate delivery would", async () => {
    const { callId, hook } = await placeCall(transientAssistant());
    const result = await emulator.runConversation(callId, { callerSays: ["Hello"], now: NOW });
    const report = result.deliveries.at(-1);
    if (!report) throw new Error("no report delivered");
    const again = await emulator.redeliver(report);
    expect(again.status).toBe(200);
    expect(hook.received.at(-1)?.body).toEqual(hook.received.at(-2)?.body);
  });

  it("refuses to run a conversation for an unknown call or an assistant without a server URL", async () => {
    await expect(emulator.runConversation("missing", { callerSays: [] })).rejects.toThrow(/no call/);
    const { server: _server, ...noServer } = transientAssistant();
    const created = await createVapiCall({ apiUrl: emulator.url, apiKey: API_KEY, timeoutMs: 30_000, body: bypassBody(noServer) });
    if (!created.ok) throw new Error(created.detail);
    await expect(emulator.runConversation(created.callId, { callerSays: [] })).rejects.toThrow(/server\.url/);
  });
});
