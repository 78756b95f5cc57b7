/**
 * The conversation as turns, for the detail panel. From Vapi's artifact.messages when stored
 * (roles "bot"/"assistant", "user", "tool_calls", "tool_call_result"; "system" is the prompt and
 * is left out), else from the plain transcript's "AI: …" / "User: …" lines.
 */
export interface TranscriptTurn {
  speaker: "assistant" | "caller" | "tool";
  text: string;
  /** Seconds from the start of the call, when known. */
  seconds_from_start: number | null;
  /** For tool turns: the tool's name. */
  tool?: string;
}

type Message = Record<string, unknown>;

export function transcriptTurns(messages: unknown, transcript: string | null): TranscriptTurn[] {
  if (Array.isArray(messages) && messages.length > 0) {
    const turns = messages.flatMap((message) => (isRecord(message) ? turnsOf(message) : []));
    if (turns.length > 0) return turns;
  }
  return transcript ? turnsFromTranscript(transcript) : [];
}

function turnsOf(message: Message): TranscriptTurn[] {
  const at = typeof message.secondsFromStart === "number" ? message.secondsFromStart : null;
  const said = typeof message.message === "string" ? message.message.trim() : "";
  switch (message.role) {
    case "bot":
    case "assistant":
      return said ? [{ speaker: "assistant", text: said, seconds_from_start: at }] : [];
    case "user":
      return said ? [{ speaker: "caller", text: said, seconds_from_start: at }] : [];
    case "tool_calls":
      return toolCallTurns(message, at);
    case "tool_call_result": {
      const name = typeof message.name === "string" ? message.name : "tool";
      const result = typeof message.result === "string" ? message.result : JSON.stringify(message.result ?? "");
      return [{ speaker: "tool", tool: name, text: `Result: ${truncate(result)}`, seconds_from_start: at }];
    }
    default:
      return [];
  }
}

function toolCallTurns(message: Message, at: number | null): TranscriptTurn[] {
  const calls = Array.isArray(message.toolCalls) ? message.toolCalls : [];
  return calls.filter(isRecord).map((call) => {
    const fn = isRecord(call.function) ? call.function : {};
    const name = typeof fn.name === "string" ? fn.name : "tool";
    const args = typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments ?? {});
    return { speaker: "tool" as const, tool: name, text: `Called ${name} with ${truncate(args)}`, seconds_from_start: at };
  });
}

const LINE = /^(AI|Assistant|Bot|User|Customer|Caller):\s?(.*)$/i;

function turnsFromTranscript(transcript: string): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    const match = LINE.exec(line.trim());
    if (match) {
      const speaker = /^(user|customer|caller)$/i.test(match[1]!) ? "caller" : "assistant";
      turns.push({ speaker, text: match[2]!.trim(), seconds_from_start: null });
    } else if (line.trim() && turns.length > 0) {
      turns.at(-1)!.text += ` ${line.trim()}`;
    } else if (line.trim()) {
      turns.push({ speaker: "assistant", text: line.trim(), seconds_from_start: null });
    }
  }
  return turns;
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isRecord(value: unknown): value is Message {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
