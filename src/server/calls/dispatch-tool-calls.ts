import type { ToolCallOutcome, ToolCallRequest } from "@/providers/vapi/webhook-schemas";
import { asService } from "@/server/db/access";
import { calls } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { vapiCallMatch } from "./advance-call-status";
import { toolHandlers } from "./tools/registry";
import { type ToolCallContext, ToolError } from "./tools/tool-handler";

/**
 * Runs each tool call through the registry, in order, and returns one outcome per call
 * (always answered with HTTP 200). The organisation comes from our call row, never from the
 * tool's arguments; a call we do not know gets an error for every tool.
 */
export async function dispatchToolCalls(
  vapiCallId: string,
  toolCalls: ToolCallRequest[],
  metadata: Record<string, unknown> | undefined,
): Promise<ToolCallOutcome[]> {
  const [call] = await asService((tx) =>
    tx
      .select({ id: calls.id, organisationId: calls.organisationId, fromNumber: calls.fromNumber })
      .from(calls)
      .where(vapiCallMatch(vapiCallId, metadata)),
  );
  const outcomes: ToolCallOutcome[] = [];
  for (const toolCall of toolCalls) {
    const base = { toolCallId: toolCall.id, name: toolCall.name };
    const handler = toolHandlers[toolCall.name];
    if (!call) {
      outcomes.push({ ...base, error: "This call is not known to the clinic's system." });
    } else if (!handler) {
      outcomes.push({ ...base, error: `Unknown tool ${toolCall.name}.` });
    } else if (toolCall.argumentsError) {
      outcomes.push({ ...base, error: `The arguments could not be read: ${toolCall.argumentsError}` });
    } else {
      const context: ToolCallContext = {
        organisationId: call.organisationId,
        callId: call.id,
        callerNumber: call.fromNumber?.startsWith("+") ? call.fromNumber : null,
        toolCallId: toolCall.id,
      };
      outcomes.push(await runTool(handler, toolCall, context));
    }
  }
  return outcomes;
}

async function runTool(handler: (typeof toolHandlers)[string], toolCall: ToolCallRequest, context: ToolCallContext) {
  const base = { toolCallId: toolCall.id, name: toolCall.name };
  try {
    return { ...base, result: await handler!(toolCall.arguments, context) };
  } catch (error) {
    if (error instanceof ToolError) return { ...base, error: error.message };
    log.error({ tool: toolCall.name, callId: context.callId, err: describeError(error) }, "tool failed");
    return { ...base, error: "The clinic's system could not do that just now." };
  }
}
