import type { FunctionTool } from "./caller-tools";

/**
 * Read-only accessors over a transient assistant as received in a create-call body. The body was
 * validated against CreateAssistantDTO, but every accessor still tolerates missing pieces.
 */

export interface AssistantServer {
  url: string;
  headers: Record<string, string>;
  timeoutSeconds: number;
}

const DEFAULT_SERVER_TIMEOUT_SECONDS = 20;

export function assistantServer(assistant: Record<string, unknown> | undefined): AssistantServer | undefined {
  const server = record(assistant?.server);
  if (!server || typeof server.url !== "string" || server.url === "") return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record(server.headers) ?? {})) {
    if (typeof value === "string") headers[name] = value;
  }
  const timeout = typeof server.timeoutSeconds === "number" ? server.timeoutSeconds : DEFAULT_SERVER_TIMEOUT_SECONDS;
  return { url: server.url, headers, timeoutSeconds: timeout };
}

export function systemPrompt(assistant: Record<string, unknown> | undefined): string {
  const messages = record(assistant?.model)?.messages;
  if (!Array.isArray(messages)) return "";
  return messages
    .map(record)
    .filter((message) => message?.role === "system" && typeof message.content === "string")
    .map((message) => String(message?.content))
    .join("\n");
}

export function functionTools(assistant: Record<string, unknown> | undefined): FunctionTool[] {
  const tools = record(assistant?.model)?.tools;
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => {
    const fn = record(record(tool)?.function);
    if (record(tool)?.type !== "function" || typeof fn?.name !== "string") return [];
    return [{ name: fn.name, parameters: fn.parameters }];
  });
}

export function hasToolOfType(assistant: Record<string, unknown> | undefined, type: string): boolean {
  const tools = record(assistant?.model)?.tools;
  return Array.isArray(tools) && tools.some((tool) => record(tool)?.type === type);
}

export function firstMessage(assistant: Record<string, unknown> | undefined): string | undefined {
  return typeof assistant?.firstMessage === "string" && assistant.firstMessage !== "" ? assistant.firstMessage : undefined;
}

export function assistantMetadata(assistant: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return record(assistant?.metadata);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
