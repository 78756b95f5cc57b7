import { assistantMetadata } from "./assistant-view";
import type { EmulatedCall } from "./types";

/**
 * Bodies of the server messages the emulator POSTs, shaped like Vapi's `ServerMessage*` schemas:
 * `{ message: { type, timestamp, call, assistant, customer, ...type fields } }`.
 * `call.metadata` carries the assistant's metadata (Vapi's `Call` schema has no `metadata`; we
 * send it there and on `message.assistant.metadata` so both readings work).
 */

export type ServerMessageBody = { message: Record<string, unknown> };

export interface EmittedToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  parameters?: unknown;
}

export function statusUpdate(call: EmulatedCall, at: Date, status: string, endedReason?: string): ServerMessageBody {
  return envelope(call, at, { type: "status-update", status, ...(endedReason ? { endedReason } : {}) });
}

/** `argumentsAs: "string"` follows the schema (`arguments` is a JSON string); "object" follows Vapi's docs. */
export function toolCalls(call: EmulatedCall, at: Date, calls: EmittedToolCall[], argumentsAs: "string" | "object"): ServerMessageBody {
  const toolCallList = calls.map((toolCall) => ({
    id: toolCall.id,
    type: "function",
    function: {
      name: toolCall.name,
      arguments: argumentsAs === "string" ? JSON.stringify(toolCall.arguments) : toolCall.arguments,
    },
  }));
  const toolWithToolCallList = calls.map((toolCall, index) => ({
    type: "function",
    function: { name: toolCall.name, parameters: toolCall.parameters ?? { type: "object", properties: {} } },
    toolCall: toolCallList[index],
  }));
  return envelope(call, at, { type: "tool-calls", toolCallList, toolWithToolCallList });
}

export interface EndOfCallFacts {
  endedReason: string;
  startedAt: Date;
  endedAt: Date;
  transcript: string;
  messages: Record<string, unknown>[];
  summary: string;
  structuredData: Record<string, unknown>;
  successEvaluation: string;
  recordingBaseUrl: string;
}

export function endOfCallReport(call: EmulatedCall, facts: EndOfCallFacts): ServerMessageBody {
  const minutes = (facts.endedAt.getTime() - facts.startedAt.getTime()) / 60_000;
  const costs = costsFor(minutes, facts.transcript.length);
  const total = round(costs.reduce((sum, item) => sum + item.cost, 0));
  const recording = recordingUrls(facts.recordingBaseUrl, call.id);
  const costBreakdown = {
    transport: costs[0]?.cost,
    stt: costs[1]?.cost,
    llm: costs[2]?.cost,
    tts: costs[3]?.cost,
    vapi: costs[4]?.cost,
    total,
    llmPromptTokens: 1200,
    llmCompletionTokens: 180,
    ttsCharacters: facts.transcript.length,
  };
  return envelope(
    { ...call, status: "ended", endedReason: facts.endedReason },
    facts.endedAt,
    {
      type: "end-of-call-report",
      endedReason: facts.endedReason,
      startedAt: facts.startedAt.toISOString(),
      endedAt: facts.endedAt.toISOString(),
      cost: total,
      costs,
      analysis: { summary: facts.summary, structuredData: facts.structuredData, successEvaluation: facts.successEvaluation },
      artifact: {
        transcript: facts.transcript,
        messages: facts.messages,
        recording: {
          stereoUrl: recording.stereo,
          mono: { combinedUrl: recording.combined, assistantUrl: recording.assistant, customerUrl: recording.customer },
        },
        // Deprecated fields, still sent by Vapi beside `recording`.
        recordingUrl: recording.combined,
        stereoRecordingUrl: recording.stereo,
      },
    },
    { startedAt: facts.startedAt.toISOString(), endedAt: facts.endedAt.toISOString(), cost: total, costBreakdown },
  );
}

function recordingUrls(baseUrl: string, callId: string) {
  const at = (suffix: string) => `${baseUrl}/recordings/${callId}${suffix}.wav`;
  return { stereo: at(""), combined: at("-mono"), assistant: at("-assistant"), customer: at("-customer") };
}

function envelope(
  call: EmulatedCall,
  at: Date,
  fields: Record<string, unknown>,
  callExtra: Record<string, unknown> = {},
): ServerMessageBody {
  const metadata = assistantMetadata(call.assistant);
  return {
    message: {
      timestamp: at.getTime(),
      ...fields,
      call: {
        id: call.id,
        orgId: call.orgId,
        createdAt: call.createdAt,
        updatedAt: at.toISOString(),
        type: "inboundPhoneCall",
        status: call.status,
        ...(call.endedReason ? { endedReason: call.endedReason } : {}),
        phoneCallProvider: "twilio",
        phoneCallTransport: "pstn",
        ...(call.phoneNumberId ? { phoneNumberId: call.phoneNumberId } : {}),
        ...(call.customerNumber ? { customer: { number: call.customerNumber } } : {}),
        ...(metadata ? { metadata } : {}),
        ...callExtra,
      },
      ...(call.assistant ? { assistant: call.assistant } : {}),
      ...(call.customerNumber ? { customer: { number: call.customerNumber } } : {}),
    },
  };
}

/** Plausible, deterministic component costs in USD, ordered transport, stt, llm, tts, vapi. */
function costsFor(minutes: number, characters: number) {
  return [
    { type: "transport", provider: "twilio", minutes: round(minutes), cost: round(minutes * 0.0085) },
    { type: "transcriber", transcriber: { provider: "deepgram" }, minutes: round(minutes), cost: round(minutes * 0.01) },
    { type: "model", model: { provider: "openai" }, promptTokens: 1200, completionTokens: 180, cost: round(0.0048) },
    { type: "voice", voice: { provider: "11labs" }, characters, cost: round(characters * 0.00003) },
    { type: "vapi", subType: "normal", minutes: round(minutes), cost: round(minutes * 0.05) },
  ];
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
