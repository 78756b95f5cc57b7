import { z } from "zod";
import { type EndOfCallReport, normaliseEndOfCallReport } from "./end-of-call-report";
import {
  callSchema,
  common,
  endOfCallReportSchema,
  lenient,
  statusUpdateSchema,
  toolCallsSchema,
  type VapiCallRef,
  type VapiCallStatus,
} from "./raw-message-schemas";
import { normaliseToolCalls, type ToolCallRequest } from "./tool-call-list";

export type { EndOfCallReport, RecordingUrls } from "./end-of-call-report";
export type { VapiCallRef, VapiCallStatus } from "./raw-message-schemas";
export type { ToolCallRequest } from "./tool-call-list";
export { type ToolCallOutcome, type ToolCallResponseBody, toolCallResponse } from "./tool-call-response";
export { verifyVapiSecret } from "./webhook-secret";

/**
 * What Vapi POSTs to our server URL: `{ message: { type, timestamp, call, assistant, ...type fields } }`
 * (the `ServerMessage*` schemas of vapi-openapi.json). Schemas are loose: unknown fields pass, optional
 * enrichments that arrive malformed are dropped rather than failing the message; what a handler
 * cannot work without (the call id, a known status, the tool-call list) fails with a readable error.
 *
 * Contract: `parseVapiMessage` and `parseVapiWebhookBody` never throw, whatever they are given.
 */

const hangSchema = z.looseObject({
  ...common,
  type: z.literal("hang"),
  call: lenient(callSchema),
});

const otherSchema = z.looseObject({ type: z.string().min(1), call: lenient(callSchema) });

const envelopeSchema = z.object({
  message: z.looseObject({ type: z.string().min(1, "message.type must be a non-empty string").max(100, "message.type is too long") }),
});

export type VapiMessage =
  | {
      type: "status-update";
      callId: string;
      status: VapiCallStatus;
      endedReason?: string;
      metadata?: Record<string, unknown>;
      timestamp?: number;
    }
  | { type: "end-of-call-report"; callId: string; report: EndOfCallReport; metadata?: Record<string, unknown>; timestamp?: number }
  | { type: "tool-calls"; callId: string; toolCalls: ToolCallRequest[]; metadata?: Record<string, unknown>; timestamp?: number }
  | { type: "hang"; callId?: string; timestamp?: number }
  /** Any type we do not handle (answer 200 so Vapi stops sending it). */
  | { type: "other"; originalType: string; callId?: string };

export type ParsedVapiMessage = { ok: true; message: VapiMessage } | { ok: false; error: string };

/** Parses a raw request body (text); invalid JSON is an error, not an exception. */
export function parseVapiWebhookBody(rawBody: string): ParsedVapiMessage {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, error: "body is not valid JSON" };
  }
  return parseVapiMessage(json);
}

/** Parses an already-decoded JSON value into a typed message or a readable error. */
export function parseVapiMessage(json: unknown): ParsedVapiMessage {
  try {
    return parseEnvelope(json);
  } catch (error) {
    // Zod reports problems as issues; this guards the contract against the unforeseen.
    return { ok: false, error: `unreadable message: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function parseEnvelope(json: unknown): ParsedVapiMessage {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return failure(envelope.error, []);
  const raw = envelope.data.message;
  switch (raw.type) {
    case "status-update": {
      const parsed = statusUpdateSchema.safeParse(raw);
      if (!parsed.success) return failure(parsed.error);
      const m = parsed.data;
      return ok({
        type: "status-update",
        callId: m.call.id,
        status: m.status,
        endedReason: m.endedReason,
        metadata: metadataOf(m),
        timestamp: m.timestamp,
      });
    }
    case "end-of-call-report": {
      const parsed = endOfCallReportSchema.safeParse(raw);
      if (!parsed.success) return failure(parsed.error);
      const m = parsed.data;
      return ok({
        type: "end-of-call-report",
        callId: m.call.id,
        report: normaliseEndOfCallReport(m),
        metadata: metadataOf(m),
        timestamp: m.timestamp,
      });
    }
    case "tool-calls": {
      const parsed = toolCallsSchema.safeParse(raw);
      if (!parsed.success) return failure(parsed.error);
      const toolCalls = normaliseToolCalls(parsed.data);
      if (!toolCalls.ok) return { ok: false, error: toolCalls.error };
      const m = parsed.data;
      return ok({ type: "tool-calls", callId: m.call.id, toolCalls: toolCalls.toolCalls, metadata: metadataOf(m), timestamp: m.timestamp });
    }
    case "hang": {
      const parsed = hangSchema.safeParse(raw);
      if (!parsed.success) return failure(parsed.error);
      return ok({ type: "hang", callId: parsed.data.call?.id, timestamp: parsed.data.timestamp });
    }
    default: {
      const parsed = otherSchema.safeParse(raw);
      return ok({ type: "other", originalType: raw.type, callId: parsed.success ? parsed.data.call?.id : undefined });
    }
  }
}

/**
 * Our `metadata` ({organisation_id, phone_number_id, call_id}) travels on the transient assistant;
 * Vapi's `Call` schema has no `metadata`, so look on the call, its assistant, then the message's.
 */
function metadataOf(message: { call: VapiCallRef; assistant?: { metadata?: Record<string, unknown> } }) {
  return message.call.metadata ?? message.call.assistant?.metadata ?? message.assistant?.metadata;
}

function ok(message: VapiMessage): ParsedVapiMessage {
  return { ok: true, message };
}

/** `prefix` is where the parsed value sits in the body (the envelope is parsed from the root). */
function failure(error: z.ZodError, prefix: string[] = ["message"]): ParsedVapiMessage {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const at = [...prefix, ...issue.path.map(String)].join(".") || "body";
    return `${at}: ${issue.message}`;
  });
  return { ok: false, error: problems.join("; ") };
}
