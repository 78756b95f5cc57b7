import type { Locale } from "@/i18n/locales";
import { type ToolEventKind, toolEvent } from "./tool-events";

/**
 * The conversation as turns, for the detail panel. From Vapi's artifact.messages when stored
 * (roles "bot"/"assistant", "user", "tool_calls", "tool_call_result"; "system" is the prompt and
 * is left out), else from the plain transcript's "AI: …" / "User: …" lines.
 */
export interface TranscriptTurn {
  speaker: "assistant" | "caller" | "tool";
  /** What was said; for tool turns, the event in plain words (see tool-events.ts). */
  text: string;
  /** Seconds from the start of the call, when known. */
  seconds_from_start: number | null;
  /** For tool turns: the tool's name. */
  tool?: string;
  /** For tool turns: what kind of event it was (the plain summary reads this, never the words). */
  event?: ToolEventKind;
}

type Message = Record<string, unknown>;

/**
 * `timeZone` is the clinic's: a booking's start is told on its clock; events are told in
 * `locale`. A tool call and its result are one event, at the call's place in the conversation.
 */
export function transcriptTurns(messages: unknown, transcript: string | null, timeZone = "UTC", locale: Locale = "en"): TranscriptTurn[] {
  if (Array.isArray(messages) && messages.length > 0) {
    const records = messages.filter(isRecord);
    const results = new Map<string, Message>();
    for (const message of records) {
      if (message.role === "tool_call_result" && typeof message.toolCallId === "string") results.set(message.toolCallId, message);
    }
    const told = new Set<Message>();
    const turns = records.flatMap((message) => turnsOf(message, results, told, { timeZone, locale }));
    if (turns.length > 0) return turns;
  }
  return transcript ? turnsFromTranscript(transcript) : [];
}

interface Telling {
  timeZone: string;
  locale: Locale;
}

function turnsOf(message: Message, results: Map<string, Message>, told: Set<Message>, telling: Telling): TranscriptTurn[] {
  const at = typeof message.secondsFromStart === "number" ? message.secondsFromStart : null;
  const said = typeof message.message === "string" ? message.message.trim() : "";
  switch (message.role) {
    case "bot":
    case "assistant":
      return said ? [{ speaker: "assistant", text: said, seconds_from_start: at }] : [];
    case "user":
      return said ? [{ speaker: "caller", text: said, seconds_from_start: at }] : [];
    case "tool_calls":
      return toolCallTurns(message, at, results, told, telling);
    case "tool_call_result": {
      // Told with its call; a result whose call was not recorded is told on its own.
      if (told.has(message)) return [];
      const name = typeof message.name === "string" ? message.name : "tool";
      const event = toolEvent({ name, arguments: {}, result: message.result }, telling.timeZone, telling.locale);
      return [{ speaker: "tool", tool: name, text: event.text, event: event.kind, seconds_from_start: at }];
    }
    default:
      return [];
  }
}

function toolCallTurns(
  message: Message,
  at: number | null,
  results: Map<string, Message>,
  told: Set<Message>,
  telling: Telling,
): TranscriptTurn[] {
  const calls = Array.isArray(message.toolCalls) ? message.toolCalls : [];
  return calls.filter(isRecord).map((call) => {
    const fn = isRecord(call.function) ? call.function : {};
    const name = typeof fn.name === "string" ? fn.name : "tool";
    const result = typeof call.id === "string" ? results.get(call.id) : undefined;
    if (result) told.add(result);
    const event = toolEvent({ name, arguments: fn.arguments, result: result?.result }, telling.timeZone, telling.locale);
    return { speaker: "tool" as const, tool: name, text: event.text, event: event.kind, seconds_from_start: at };
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

function isRecord(value: unknown): value is Message {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
