import { firstMessage, functionTools, hasToolOfType, systemPrompt } from "./assistant-view";
import { argumentsFor, toolsCalledFor } from "./caller-tools";
import { isRussian, keywords, matchIntent, type PromptIntent, parsePromptIntents, promptTimeZone, sameWord } from "./prompt-intents";
import { endOfCallReport, type ServerMessageBody, statusUpdate, toolCalls } from "./server-messages";
import type { EmulatedCall, WebhookDelivery } from "./types";

/**
 * A scripted call, played against the assistant's `server.url` in Vapi's order:
 * status-update ringing → in-progress; per caller line, one tool-calls message per tool the words
 * call for (see caller-tools.ts) and the assistant's answer from the prompt's intents (see
 * prompt-intents.ts); status-update ended; end-of-call-report with transcript, messages, summary,
 * costs and recording URLs served by the emulator. Deterministic apart from tool-call ids.
 */

export interface ConversationScript {
  /** What the caller says, one entry per turn. */
  callerSays: string[];
  /** Replace the synthesised arguments of a tool, by tool name. */
  toolArguments?: Record<string, Record<string, unknown>>;
  /** The call's start; defaults to the real clock. Turn lengths are fixed, so times follow from it. */
  now?: Date;
  /** The clinic's zone, for "tomorrow at 10" (default: the zone named in the prompt, else UTC). */
  timeZone?: string;
  callerName?: string;
  /** Overrides the ended reason the script would pick. */
  endedReason?: string;
  /** How `function.arguments` is sent: a JSON string as the schema says (default), or an object as the docs show. */
  toolArgumentsAs?: "string" | "object";
}

export interface ToolResult {
  toolCallId: string;
  name: string;
  arguments: Record<string, unknown>;
  result?: unknown;
  error?: string;
}

export interface ConversationResult {
  callId: string;
  endedReason: string;
  transcript: string;
  matchedIntents: string[];
  toolResults: ToolResult[];
  /** The deliveries of this conversation, in order. */
  deliveries: WebhookDelivery[];
}

export interface ConversationDeps {
  call: EmulatedCall;
  recordingBaseUrl: string;
  deliver: (body: ServerMessageBody) => Promise<WebhookDelivery>;
  newToolCallId: () => string;
}

const SECONDS_PER_LINE = 4;
const SECONDS_PER_TOOL = 1;
const TRANSFER_WORDS = ["human", "person", "operator", "receptionist", "transfer", "оператор", "человек", "администратор"];

export async function runScriptedConversation(deps: ConversationDeps, script: ConversationScript): Promise<ConversationResult> {
  const { call } = deps;
  const startedAt = script.now ?? new Date();
  const clock = new ConversationClock(startedAt);
  const prompt = systemPrompt(call.assistant);
  const intents = parsePromptIntents(prompt);
  const tools = functionTools(call.assistant);
  const timeZone = script.timeZone ?? promptTimeZone(prompt) ?? "UTC";
  const deliveries: WebhookDelivery[] = [];
  const send = async (body: ServerMessageBody) => {
    const delivery = await deps.deliver(body);
    deliveries.push(delivery);
    return delivery;
  };
  const transcript: string[] = [];
  const messages: Record<string, unknown>[] = [{ role: "system", message: prompt, time: clock.ms(), secondsFromStart: 0 }];
  const toolResults: ToolResult[] = [];
  const matched: PromptIntent[] = [];

  const speak = (role: "bot" | "user", text: string) => {
    transcript.push(`${role === "bot" ? "AI" : "User"}: ${text}`);
    messages.push({
      role,
      message: text,
      time: clock.ms(),
      endTime: clock.ms() + SECONDS_PER_LINE * 1000,
      secondsFromStart: clock.seconds(),
      duration: SECONDS_PER_LINE,
    });
    clock.advance(SECONDS_PER_LINE);
  };

  call.status = "ringing";
  await send(statusUpdate(call, clock.now(), "ringing"));
  call.status = "in-progress";
  await send(statusUpdate(call, clock.now(), "in-progress"));
  const greeting = firstMessage(call.assistant);
  if (greeting) speak("bot", greeting);

  for (const utterance of script.callerSays) {
    speak("user", utterance);
    const intent = matchIntent(utterance, intents);
    if (intent) matched.push(intent);
    const turnResults: ToolResult[] = [];
    for (const tool of toolsCalledFor(utterance, intent, tools)) {
      const args =
        script.toolArguments?.[tool.name] ??
        argumentsFor(tool, {
          utterance,
          intentName: intent?.name,
          now: clock.now(),
          timeZone,
          customerNumber: call.customerNumber,
          callerName: script.callerName ?? "Test Caller",
        });
      const toolCall = { id: deps.newToolCallId(), name: tool.name, arguments: args, parameters: tool.parameters };
      messages.push({
        role: "tool_calls",
        message: "",
        toolCalls: [{ id: toolCall.id, type: "function", function: { name: tool.name, arguments: JSON.stringify(args) } }],
        time: clock.ms(),
        secondsFromStart: clock.seconds(),
      });
      const delivery = await send(toolCalls(call, clock.now(), [toolCall], script.toolArgumentsAs ?? "string"));
      const outcome = resultFor(delivery, toolCall.id);
      const toolResult: ToolResult = { toolCallId: toolCall.id, name: tool.name, arguments: args, ...outcome };
      turnResults.push(toolResult);
      messages.push({
        role: "tool_call_result",
        toolCallId: toolCall.id,
        name: tool.name,
        result: outcome.error ?? asText(outcome.result),
        time: clock.ms(),
        secondsFromStart: clock.seconds(),
      });
      clock.advance(SECONDS_PER_TOOL);
    }
    toolResults.push(...turnResults);
    speak("bot", assistantReply(utterance, intent, turnResults));
  }

  const endedReason = script.endedReason ?? pickEndedReason(script.callerSays, matched, call.assistant);
  call.status = "ended";
  call.endedReason = endedReason;
  await send(statusUpdate(call, clock.now(), "ended", endedReason));
  const intentNames = [...new Set(matched.map((intent) => intent.name))];
  await send(
    endOfCallReport(call, {
      endedReason,
      startedAt,
      endedAt: clock.now(),
      transcript: transcript.join("\n"),
      messages,
      summary: summarise(script.callerSays, intentNames, toolResults),
      structuredData: {
        intents: intentNames,
        toolsCalled: toolResults.map((result) => result.name),
        language: script.callerSays.some(isRussian) ? "ru" : "en",
      },
      successEvaluation: String(toolResults.every((result) => result.error === undefined)),
      recordingBaseUrl: deps.recordingBaseUrl,
    }),
  );
  return { callId: call.id, endedReason, transcript: transcript.join("\n"), matchedIntents: intentNames, toolResults, deliveries };
}

/** The intent's answer in the caller's language, then what the last tool said. */
function assistantReply(utterance: string, intent: PromptIntent | undefined, results: ToolResult[]): string {
  const russian = isRussian(utterance);
  const parts: string[] = [];
  const answer = russian ? (intent?.answerRussian ?? intent?.answerEnglish) : (intent?.answerEnglish ?? intent?.answerRussian);
  if (answer) parts.push(answer);
  const last = results.at(-1);
  if (last?.error !== undefined)
    parts.push(russian ? "Извините, сейчас не получилось это сделать." : "Sorry, I could not do that just now.");
  else if (last) parts.push(asText(last.result));
  if (parts.length > 0) return parts.join(" ");
  return russian
    ? "Извините, я не совсем поняла. Можете сказать иначе?"
    : "Sorry, I did not quite catch that. Could you say it another way?";
}

function resultFor(delivery: WebhookDelivery, toolCallId: string): { result?: unknown; error?: string } {
  const body = delivery.response;
  const results = typeof body === "object" && body !== null ? (body as { results?: unknown }).results : undefined;
  const entry = Array.isArray(results)
    ? (results.find((item) => typeof item === "object" && item !== null && (item as { toolCallId?: unknown }).toolCallId === toolCallId) as
        | Record<string, unknown>
        | undefined)
    : undefined;
  if (!entry) return { error: `no result for tool call (HTTP ${delivery.status})` };
  if (typeof entry.error === "string") return { error: entry.error };
  return { result: entry.result };
}

/** Forwarded when the caller asks for a person (or an intent's action is `transfer`) and transferCall exists. */
function pickEndedReason(callerSays: string[], matched: PromptIntent[], assistant: Record<string, unknown> | undefined): string {
  const asksForPerson = callerSays.some((line) => keywords(line).some((word) => TRANSFER_WORDS.some((known) => sameWord(word, known))));
  const wantsHuman = asksForPerson || matched.some((intent) => intent.action?.toLowerCase() === "transfer");
  return wantsHuman && hasToolOfType(assistant, "transferCall") ? "assistant-forwarded-call" : "customer-ended-call";
}

function summarise(callerSays: string[], intentNames: string[], results: ToolResult[]): string {
  const opening = callerSays[0] ? `The caller said: "${callerSays[0]}".` : "The caller said nothing.";
  const topics = `Topics: ${intentNames.length > 0 ? intentNames.join(", ") : "none recognised"}.`;
  const tools = `Tools used: ${results.length > 0 ? results.map((result) => result.name).join(", ") : "none"}.`;
  return `${opening} ${topics} ${tools}`;
}

function asText(value: unknown): string {
  if (typeof value === "string") return value;
  return value === undefined ? "" : JSON.stringify(value);
}

class ConversationClock {
  private elapsedSeconds = 0;
  constructor(private readonly start: Date) {}
  now(): Date {
    return new Date(this.ms());
  }
  ms(): number {
    return this.start.getTime() + this.elapsedSeconds * 1000;
  }
  seconds(): number {
    return this.elapsedSeconds;
  }
  advance(seconds: number): void {
    this.elapsedSeconds += seconds;
  }
}
