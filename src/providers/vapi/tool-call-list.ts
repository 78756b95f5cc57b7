import { providerId, providerJsonObject, TEXT_LIMITS } from "../provider-values";
import type { RawToolCalls } from "./raw-message-schemas";

/**
 * One tool call the assistant asks us to run, whatever shape it arrived in. The schema says
 * `{id, type, function: {name, arguments: string}}`; Vapi's docs also show `{id, name,
 * arguments|parameters: object}`. `arguments` is always an object here;
 * when the sender's arguments are unreadable, `argumentsError` says why (answer with an error).
 */
export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  argumentsError?: string;
}

export type NormalisedToolCalls = { ok: true; toolCalls: ToolCallRequest[] } | { ok: false; error: string };

/**
 * Reads `toolCallList`, else `toolCalls` (older example handlers), else the `toolCall` of each
 * `toolWithToolCallList` entry. Entries without a usable id (see providerId) cannot be answered and are dropped.
 */
export function normaliseToolCalls(message: RawToolCalls): NormalisedToolCalls {
  const entries =
    message.toolCallList ??
    message.toolCalls ??
    message.toolWithToolCallList?.map((entry) => (isRecord(entry) ? entry.toolCall : undefined));
  if (!entries) return { ok: false, error: "message.toolCallList: expected an array of tool calls" };
  const toolCalls: ToolCallRequest[] = [];
  for (const entry of entries) {
    const toolCall = readToolCall(entry);
    if (toolCall) toolCalls.push(toolCall);
  }
  if (entries.length > 0 && toolCalls.length === 0) {
    return { ok: false, error: "message.toolCallList: no entry has a string id" };
  }
  return { ok: true, toolCalls };
}

function readToolCall(entry: unknown): ToolCallRequest | undefined {
  if (!isRecord(entry) || !providerId.safeParse(entry.id).success) return undefined;
  const fn = isRecord(entry.function) ? entry.function : entry;
  const name = typeof fn.name === "string" ? fn.name.slice(0, TEXT_LIMITS.word) : "";
  const rawArguments = fn.arguments ?? fn.parameters;
  return { id: entry.id as string, name, ...readArguments(rawArguments) };
}

function readArguments(raw: unknown): Pick<ToolCallRequest, "arguments" | "argumentsError"> {
  if (raw === undefined || raw === null || raw === "") return { arguments: {} };
  if (isRecord(raw)) return { arguments: raw };
  if (typeof raw === "string") {
    try {
      // Arguments as JSON text are decoded here, so they are cleaned here too.
      const parsed = providerJsonObject.safeParse(JSON.parse(raw));
      if (parsed.success) return { arguments: parsed.data };
      return { arguments: {}, argumentsError: "arguments must be a JSON object" };
    } catch {
      return { arguments: {}, argumentsError: "arguments are not valid JSON" };
    }
  }
  return { arguments: {}, argumentsError: "arguments must be a JSON object" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
