/**
 * The body we answer a `tool-calls` message with (always HTTP 200):
 * `{"results":[{"toolCallId","name","result"}|{"toolCallId","name","error"}]}` in request order.
 * Vapi ignores multi-line `result`/`error` strings, so every string is collapsed
 * to one line; a non-string result is sent as its (single-line) JSON.
 */

export type ToolCallOutcome = { toolCallId: string; name: string; result: unknown } | { toolCallId: string; name: string; error: string };

export type ToolCallResponseBody = {
  results: ({ toolCallId: string; name: string; result: string } | { toolCallId: string; name: string; error: string })[];
};

export function toolCallResponse(outcomes: readonly ToolCallOutcome[]): ToolCallResponseBody {
  return {
    results: outcomes.map((outcome) => {
      const toolCallId = singleLine(outcome.toolCallId);
      const name = singleLine(outcome.name);
      if ("error" in outcome) return { toolCallId, name, error: singleLine(outcome.error) };
      return { toolCallId, name, result: singleLine(asText(outcome.result)) };
    }),
  };
}

/** Line breaks of every kind, with the spaces around them, become one space. */
function singleLine(text: string): string {
  return text.replace(/[ \t]*[\r\n\v\f\u0085\u2028\u2029]+[ \t]*/g, " ").trim();
}

function asText(result: unknown): string {
  if (typeof result === "string") return result;
  if (result === undefined) return "";
  try {
    return JSON.stringify(result) ?? String(result);
  } catch {
    return String(result);
  }
}
