import { describe, expect, it } from "vitest";
import { validateVapiComponent } from "@/providers/vapi/openapi";
import { parseVapiMessage, parseVapiWebhookBody, type VapiMessage } from "@/providers/vapi/webhook-schemas";
import { minimalSample } from "./schema-samples";

const CALL = {
  id: "5c0f7a9e-1111-4222-8333-444455556666",
  orgId: "org-vapi",
  createdAt: "2026-03-10T08:00:00.000Z",
  updatedAt: "2026-03-10T08:00:00.000Z",
};
const METADATA = { organisation_id: "org-1", phone_number_id: "pn-1", call_id: "row-1" };

/** A message built from the published schema's required fields, overlaid, and checked against that schema. */
function sample(schemaName: string, overlay: Record<string, unknown>): { message: Record<string, unknown> } {
  const message = { ...minimalSample(schemaName), call: CALL, assistant: { metadata: METADATA }, ...overlay };
  expect(validateVapiComponent(schemaName, message)).toEqual({ ok: true });
  return { message };
}

function parsed(body: unknown): VapiMessage {
  const result = parseVapiMessage(body);
  if (!result.ok) throw new Error(result.error);
  return result.message;
}

describe("parseVapiMessage on samples of Vapi's ServerMessage schemas", () => {
  it("reads a status-update with its ended reason and our metadata", () => {
    const body = sample("ServerMessageStatusUpdate", {
      type: "status-update",
      status: "ended",
      endedReason: "customer-ended-call",
      timestamp: 1773129600000,
    });
    expect(parsed(body)).toEqual({
      type: "status-update",
      callId: CALL.id,
      status: "ended",
      endedReason: "customer-ended-call",
      metadata: METADATA,
      timestamp: 1773129600000,
    });
  });

  it("reads a full end-of-call report and computes the duration", () => {
    const body = sample("ServerMessageEndOfCallReport", {
      type: "end-of-call-report",
      endedReason: "assistant-ended-call",
      startedAt: "2026-03-10T08:00:00.000Z",
      endedAt: "2026-03-10T08:02:05.400Z",
      cost: 0.1234,
      costs: [{ type: "transport", provider: "twilio", minutes: 2.09, cost: 0.0178 }],
      analysis: { summary: "Booked a cleaning.", structuredData: { booked: true }, successEvaluation: "true" },
      artifact: {
        transcript: "AI: Hello\nUser: Hi",
        messages: [{ role: "user", message: "Hi", time: 1, endTime: 2, secondsFromStart: 1 }],
        recording: {
          stereoUrl: "https://r.example/s.wav",
          mono: { combinedUrl: "https://r.example/m.wav", assistantUrl: "https://r.example/a.wav", customerUrl: "https://r.example/c.wav" },
        },
        recordingUrl: "https://r.example/old-mono.wav",
      },
      call: { ...CALL, costBreakdown: { total: 0.1234, llm: 0.01 } },
    });
    const message = parsed(body);
    expect(message).toMatchObject({
      type: "end-of-call-report",
      callId: CALL.id,
      metadata: METADATA,
      report: {
        endedReason: "assistant-ended-call",
        durationSeconds: 125,
        transcript: "AI: Hello\nUser: Hi",
        summary: "Booked a cleaning.",
        structuredData: { booked: true },
        successEvaluation: "true",
        cost: 0.1234,
        costBreakdown: { total: 0.1234, llm: 0.01 },
        recording: {
          stereoUrl: "https://r.example/s.wav",
          combinedUrl: "https://r.example/m.wav",
          assistantUrl: "https://r.example/a.wav",
          customerUrl: "https://r.example/c.wav",
        },
      },
    });
  });

  it("falls back to the deprecated recording fields and to legacy top-level summary and transcript", () => {
    const message = parsed({
      message: {
        type: "end-of-call-report",
        endedReason: "customer-ended-call",
        call: CALL,
        artifact: { recordingUrl: "https://r.example/mono.wav", stereoRecordingUrl: "https://r.example/stereo.wav" },
        summary: "Old summary",
        transcript: "AI: old",
        messages: [{ role: "bot", message: "old" }],
      },
    });
    expect(message).toMatchObject({
      report: {
        recording: { combinedUrl: "https://r.example/mono.wav", stereoUrl: "https://r.example/stereo.wav" },
        summary: "Old summary",
        transcript: "AI: old",
        messages: [{ role: "bot", message: "old" }],
      },
    });
  });

  it("drops malformed optional enrichments instead of failing the report", () => {
    const message = parsed({
      message: {
        type: "end-of-call-report",
        endedReason: "x",
        call: CALL,
        cost: "free",
        startedAt: 5,
        analysis: "none",
        artifact: { transcript: 7 },
      },
    });
    expect(message).toMatchObject({
      type: "end-of-call-report",
      report: { endedReason: "x", cost: undefined, startedAt: undefined, durationSeconds: undefined, transcript: undefined },
    });
  });

  it("reads tool calls in the schema's shape (arguments as a JSON string)", () => {
    const body = sample("ServerMessageToolCalls", {
      type: "tool-calls",
      toolCallList: [{ id: "call_1", type: "function", function: { name: "check_availability", arguments: '{"date":"2026-03-11"}' } }],
    });
    expect(parsed(body)).toMatchObject({
      type: "tool-calls",
      callId: CALL.id,
      toolCalls: [{ id: "call_1", name: "check_availability", arguments: { date: "2026-03-11" } }],
    });
  });

  it("reads tool calls in the docs' shapes: object arguments, {id, name, parameters}, toolCalls, toolWithToolCallList", () => {
    const base = { type: "tool-calls", call: CALL };
    const expected = [{ id: "t1", name: "book_appointment", arguments: { start: "2026-03-11T10:00:00" } }];
    const args = { start: "2026-03-11T10:00:00" };
    expect(
      parsed({
        message: { ...base, toolCallList: [{ id: "t1", type: "function", function: { name: "book_appointment", arguments: args } }] },
      }),
    ).toMatchObject({ toolCalls: expected });
    expect(parsed({ message: { ...base, toolCallList: [{ id: "t1", name: "book_appointment", parameters: args }] } })).toMatchObject({
      toolCalls: expected,
    });
    expect(parsed({ message: { ...base, toolCalls: [{ id: "t1", name: "book_appointment", arguments: args }] } })).toMatchObject({
      toolCalls: expected,
    });
    expect(
      parsed({
        message: {
          ...base,
          toolWithToolCallList: [
            { type: "function", toolCall: { id: "t1", function: { name: "book_appointment", arguments: JSON.stringify(args) } } },
          ],
        },
      }),
    ).toMatchObject({ toolCalls: expected });
  });

  it("keeps a tool call with unreadable arguments so it can be answered with an error", () => {
    const message = parsed({
      message: {
        type: "tool-calls",
        call: CALL,
        toolCallList: [
          { id: "t1", function: { name: "x", arguments: "{oops" } },
          { id: "t2", function: { name: "y", arguments: "[1]" } },
        ],
      },
    });
    expect(message).toMatchObject({
      toolCalls: [
        { id: "t1", arguments: {}, argumentsError: "arguments are not valid JSON" },
        { id: "t2", argumentsError: "arguments must be a JSON object" },
      ],
    });
  });

  it("reads hang, and any other type as a generic message", () => {
    expect(parsed(sample("ServerMessageHang", { type: "hang" }))).toEqual({ type: "hang", callId: CALL.id, timestamp: undefined });
    expect(parsed({ message: { type: "speech-update", status: "started", role: "user", call: CALL } })).toEqual({
      type: "other",
      originalType: "speech-update",
      callId: CALL.id,
    });
    expect(parsed({ message: { type: "brand-new-type" } })).toEqual({ type: "other", originalType: "brand-new-type", callId: undefined });
  });

  it("finds our metadata on call.metadata or the call's assistant too", () => {
    const status = { type: "status-update", status: "ringing" };
    expect(parsed({ message: { ...status, call: { ...CALL, metadata: METADATA } } })).toMatchObject({ metadata: METADATA });
    expect(parsed({ message: { ...status, call: { ...CALL, assistant: { metadata: METADATA } } } })).toMatchObject({ metadata: METADATA });
  });
});

describe("parseVapiMessage on malformed bodies", () => {
  it.each<[string, unknown, RegExp]>([
    ["no message", {}, /message/],
    ["a message that is a string", { message: "status-update" }, /message/],
    ["a numeric type", { message: { type: 3 } }, /message\.type/],
    ["an empty type", { message: { type: "" } }, /message\.type/],
    ["a status-update without a call", { message: { type: "status-update", status: "ended" } }, /message\.call/],
    ["a status-update with an unknown status", { message: { type: "status-update", status: "exploded", call: CALL } }, /message\.status/],
    ["a call id that is a number", { message: { type: "status-update", status: "ended", call: { id: 5 } } }, /message\.call\.id/],
    ["a report without an ended reason", { message: { type: "end-of-call-report", call: CALL } }, /message\.endedReason/],
    ["tool calls without a list", { message: { type: "tool-calls", call: CALL } }, /toolCallList/],
    ["tool calls whose list is an object", { message: { type: "tool-calls", call: CALL, toolCallList: { id: "t1" } } }, /toolCallList/],
    [
      "tool calls with no usable id",
      { message: { type: "tool-calls", call: CALL, toolCallList: [{ name: "x" }] } },
      /no entry has a string id/,
    ],
    ["null", null, /./],
    ["an array", [{ message: { type: "hang" } }], /./],
  ])("rejects %s with a readable error", (_label, body, expected) => {
    const result = parseVapiMessage(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(expected);
  });

  it("rejects a body that is not JSON", () => {
    expect(parseVapiWebhookBody("{message:")).toEqual({ ok: false, error: "body is not valid JSON" });
    expect(parseVapiWebhookBody('{"message":{"type":"hang"}}')).toMatchObject({ ok: true });
  });
});
