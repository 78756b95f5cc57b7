/** What a tool handler knows about the call it serves; never taken from the tool's arguments. */
export interface ToolCallContext {
  organisationId: string;
  /** Our calls.id, when the call row is known. */
  callId: string | null;
  /** The caller's number in E.164, when known. */
  callerNumber: string | null;
  /** Vapi's id for this tool call: a natural idempotency key for side effects. */
  toolCallId: string;
}

/**
 * A function tool the assistant can call during a call. Returns one line the assistant will
 * say or use; throws ToolError for an answer the assistant should treat as a failure.
 */
export type ToolHandler = (args: Record<string, unknown>, context: ToolCallContext) => Promise<string>;

export class ToolError extends Error {}
