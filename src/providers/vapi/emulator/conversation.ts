import { firstMessage, functionTools, hasToolOfType, systemPrompt } from "./assistant-view";
import {
  type ArgumentContext,
  argumentsFor,
  type FunctionTool,
  spokenDate as spokenCallDate,
  spokenTime,
  toolsCalledFor,
} from "./caller-tools";
import {
  isOpenOn,
  isRefusal,
  type Language,
  nameAnswer,
  nameSaidIn,
  nextOpenDay,
  offeredTimes,
  parseOpeningHours,
  pickedSlot,
  type Slot,
  say,
  slotsIn,
  spokenDate,
} from "./dialogue";
import { isRussian, keywords, matchIntent, type PromptIntent, parsePromptIntents, promptTimeZone, sameWord } from "./prompt-intents";
import { endOfCallReport, type ServerMessageBody, statusUpdate, toolCalls } from "./server-messages";
import type { EmulatedCall, RecordedTurn, WebhookDelivery } from "./types";

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
  /** What the caller answers when asked their name and nothing more is scripted (default Jane Doe / Анна Смирнова). */
  callerName?: string;
  /** Overrides the ended reason the script would pick. */
  endedReason?: string;
  /**
   * Book the date and time the caller said whatever the free times were (a careless model): for
   * tests of the booking tool's own refusals. Default: follow the hours and the tool's free times.
   */
  bookAsAsked?: boolean;
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
  /** The function tools the assistant was given (what it could do on this call). */
  offeredTools: string[];
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

/** A spoken line lasts about as long as it takes to say: a second plus 0.4 s a word, at least 2 s. */
function lineSeconds(text: string): number {
  return Math.max(2, Math.round(text.split(/\s+/).filter(Boolean).length * 0.4) + 1);
}
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

  const turns: RecordedTurn[] = [];
  const speak = (role: "bot" | "user", text: string) => {
    const seconds = lineSeconds(text);
    turns.push({ speaker: role, from: clock.seconds(), to: clock.seconds() + seconds });
    transcript.push(`${role === "bot" ? "AI" : "User"}: ${text}`);
    messages.push({
      role,
      message: text,
      time: clock.ms(),
      endTime: clock.ms() + seconds * 1000,
      secondsFromStart: clock.seconds(),
      duration: seconds,
    });
    clock.advance(seconds);
  };

  call.status = "ringing";
  await send(statusUpdate(call, clock.now(), "ringing"));
  call.status = "in-progress";
  await send(statusUpdate(call, clock.now(), "in-progress"));
  const greeting = firstMessage(call.assistant);
  if (greeting) speak("bot", greeting);

  const hours = parseOpeningHours(prompt);
  const dialogue: DialogueState = { offered: [], awaitingName: false };
  const lines = [...script.callerSays];

  /** One tool call: the tool-calls message, our webhook's answer, the messages Vapi would record. */
  const callTool = async (tool: FunctionTool, context: ArgumentContext, chosen?: Record<string, unknown>): Promise<ToolResult> => {
    const args = script.toolArguments?.[tool.name] ?? chosen ?? argumentsFor(tool, context);
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
    toolResults.push(toolResult);
    messages.push({
      role: "tool_call_result",
      toolCallId: toolCall.id,
      name: tool.name,
      result: outcome.error ?? asText(outcome.result),
      time: clock.ms(),
      secondsFromStart: clock.seconds(),
    });
    clock.advance(SECONDS_PER_TOOL);
    return toolResult;
  };
  const toolNamed = (name: string) => tools.find((tool) => tool.name === name);

  /** take_message with what the caller said as the reason (and their name when known). */
  const takeMessage = async (tool: FunctionTool, utterance: string, intentName?: string): Promise<ToolResult> =>
    callTool(
      tool,
      { utterance, intentName, now: clock.now(), timeZone, customerNumber: call.customerNumber, callerName: dialogue.name ?? "" },
      {
        reason: utterance,
        ...(dialogue.name ? { caller_name: dialogue.name } : {}),
        ...(intentName ? { summary: `The caller asked about ${intentName.toLowerCase()}.` } : {}),
      },
    );
  const closedNow = clinicClosedNow(prompt);

  /** Books `slot` for the known caller; the reply in the caller's language. */
  const book = async (slot: Slot, language: Language, utterance: string, intentName?: string): Promise<string> => {
    const bookTool = toolNamed("book_appointment");
    if (!bookTool) return say.passOn(language);
    // The reason is what the caller asked for, not the line that gave their name or picked a time.
    const result = await callTool(bookTool, {
      utterance: dialogue.request?.utterance ?? utterance,
      intentName: dialogue.request?.intentName ?? intentName,
      now: clock.now(),
      timeZone,
      customerNumber: call.customerNumber,
      callerName: dialogue.name ?? "",
      date: slot.date,
      time: slot.time,
    });
    dialogue.chosen = undefined;
    dialogue.offered = [];
    if (result.error !== undefined) return say.toolFailed(language);
    const answer = asText(result.result);
    if (isRefusal(answer)) {
      const alternatives = slotsIn(answer, slot.date).slice(0, 3);
      dialogue.offered = alternatives;
      return `${say.bookingRefused(language)} ${alternatives.length ? say.offer(alternatives, language) : say.noTimes(language)}`;
    }
    dialogue.booked = { ...slot, name: dialogue.name ?? "" };
    return say.booked(dialogue.name ?? "", slot, language);
  };

  for (let index = 0; index < lines.length; index++) {
    const utterance = lines[index]!;
    speak("user", utterance);
    const language: Language = isRussian(utterance) ? "ru" : "en";
    const intent = matchIntent(utterance, intents);
    if (intent) matched.push(intent);
    const parts: string[] = [];
    const newName = nameSaidIn(utterance) ?? (dialogue.awaitingName ? nameAnswer(utterance) : undefined);
    if (newName) dialogue.name = newName;

    // Asking for a person with transfer_to_staff declared: the assistant puts the caller through
    // and its part of the call ends (the server moves the Twilio call; the stream closes).
    const transferTool = toolNamed("transfer_to_staff");
    if (transferTool && (asksForPerson(utterance) || intent?.action?.toLowerCase() === "transfer")) {
      const result = await callTool(transferTool, {
        utterance,
        intentName: intent?.name,
        now: clock.now(),
        timeZone,
        customerNumber: call.customerNumber,
        callerName: dialogue.name ?? "",
      });
      if (result.error === undefined) {
        speak("bot", transferLine(call.assistant, language));
        dialogue.transferred = true;
        break;
      }
      speak("bot", say.toolFailed(language));
      continue;
    }
    // Asking for a person with nobody to put them through to (closed, or no staff numbers; Vapi's
    // own transferCall aside): as the prompt says, no transfer is promised; a message is taken.
    const messageTool = toolNamed("take_message");
    const wantsPerson = asksForPerson(utterance) || intent?.action?.toLowerCase() === "transfer";
    if (!transferTool && wantsPerson && !hasToolOfType(call.assistant, "transferCall")) {
      if (!messageTool) {
        speak("bot", say.passOn(language));
        continue;
      }
      const result = await takeMessage(messageTool, utterance, intent?.name);
      speak("bot", result.error === undefined ? say.nobodyToTransfer(closedNow, language) : say.toolFailed(language));
      dialogue.messageTaken ||= result.error === undefined;
      continue;
    }

    const picked = dialogue.offered.length > 0 ? pickedSlot(utterance, dialogue.offered) : undefined;
    const wanted = toolsCalledFor(utterance, intent, tools).map((tool) => tool.name);
    if (dialogue.awaitingName && dialogue.chosen && dialogue.name) {
      // The name the assistant asked for: book the time already agreed.
      dialogue.awaitingName = false;
      parts.push(await book(dialogue.chosen, language, utterance, intent?.name));
    } else if (picked && wanted.length === 0) {
      dialogue.chosen = picked;
      if (dialogue.name) parts.push(await book(picked, language, utterance, intent?.name));
      else {
        dialogue.awaitingName = true;
        parts.push(say.askName(language));
      }
    } else if (wanted.length === 1 && wanted[0] === "take_message" && messageTool) {
      // A message for the team (message words, or an intent whose action is take_message).
      const result = await takeMessage(messageTool, utterance, intent?.name);
      if (result.error !== undefined) parts.push(say.toolFailed(language));
      else {
        dialogue.messageTaken = true;
        parts.push(intentAnswer(intent, language) ?? say.messageTaken(language));
      }
    } else if (wanted.length > 0) {
      const answer = intentAnswer(intent, language);
      if (answer) parts.push(answer);
      const wantsBooking = wanted.includes("book_appointment");
      dialogue.request = { utterance, intentName: intent?.name };
      let date = spokenCallDate({ utterance, now: clock.now(), timeZone });
      const timeSaid = saysTime(utterance);
      const time = spokenTime(utterance);
      if (!script.bookAsAsked && !isOpenOn(hours, date)) {
        const open = nextOpenDay(hours, date);
        parts.push(say.closed(date, open, language));
        date = open;
      }
      const checkTool = toolNamed("check_availability");
      let chosen: Slot | undefined;
      let failed = false;
      if (checkTool && wanted.includes("check_availability")) {
        const result = await callTool(checkTool, {
          utterance,
          intentName: intent?.name,
          now: clock.now(),
          timeZone,
          customerNumber: call.customerNumber,
          callerName: dialogue.name ?? "",
          date,
          time,
        });
        if (result.error !== undefined) {
          failed = true;
          parts.push(say.toolFailed(language));
        } else if (script.bookAsAsked) {
          chosen = { date, time };
        } else {
          const text = asText(result.result);
          const free = slotsIn(text, date);
          if (free.length === 0 && /\d{1,2}:\d{2}|free|свобод/i.test(text)) parts.push(say.noTimes(language));
          else if (free.length === 0)
            chosen = { date, time }; // a tool that lists no times: take the caller's
          else {
            const requested = timeSaid ? free.find((slot) => slot.date === date && slot.time === time) : undefined;
            if (requested && wantsBooking) {
              parts.push(say.requestedFree(requested, language));
              chosen = requested;
            } else {
              if (timeSaid && !requested) parts.push(say.requestedTaken({ date, time }, language));
              dialogue.offered = free.slice(0, 3);
              parts.push(say.offer(dialogue.offered, language));
            }
          }
        }
      } else if (wantsBooking) {
        chosen = { date, time };
      }
      if (!failed && chosen && wantsBooking) {
        dialogue.chosen = chosen;
        if (dialogue.name) parts.push(await book(chosen, language, utterance, intent?.name));
        else {
          dialogue.awaitingName = true;
          parts.push(say.askName(language));
        }
      }
    } else {
      const answer = intentAnswer(intent, language);
      if (answer) parts.push(answer, ...(dialogue.awaitingName ? [say.askName(language)] : []));
      else if (intent) parts.push(say.passOn(language));
      else if (newName) parts.push(dialogue.chosen ? say.askName(language) : say.niceToMeet(newName, language));
      else if (dialogue.awaitingName) parts.push(say.askName(language));
      else parts.push(say.notUnderstood(language));
    }
    speak("bot", parts.join(" "));
    // Asked for their name with nothing more scripted, the caller gives it (once).
    if (index === lines.length - 1 && dialogue.awaitingName && !dialogue.nameGiven) {
      dialogue.nameGiven = true;
      const name = script.callerName?.trim() || (language === "ru" ? "Анна Смирнова" : "Jane Doe");
      lines.push(language === "ru" ? `Меня зовут ${name}.` : `My name is ${name}.`);
    }
  }

  const endedReason =
    script.endedReason ?? (dialogue.transferred ? "assistant-forwarded-call" : pickEndedReason(script.callerSays, matched, call.assistant));
  call.status = "ended";
  call.endedReason = endedReason;
  // The recording lasts as long as the call: a tone for each line said (recording.ts).
  call.recording = { seconds: clock.seconds(), turns };
  await send(statusUpdate(call, clock.now(), "ended", endedReason));
  const intentNames = [...new Set(matched.map((intent) => intent.name))];
  await send(
    endOfCallReport(call, {
      endedReason,
      startedAt,
      endedAt: clock.now(),
      transcript: transcript.join("\n"),
      messages,
      summary: summarise(script.callerSays, intentNames, dialogue),
      structuredData: {
        intents: intentNames,
        toolsCalled: toolResults.map((result) => result.name),
        language: script.callerSays.some(isRussian) ? "ru" : "en",
      },
      successEvaluation: String(toolResults.every((result) => result.error === undefined)),
      recordingBaseUrl: deps.recordingBaseUrl,
    }),
  );
  return {
    callId: call.id,
    offeredTools: tools.map((tool) => tool.name),
    endedReason,
    transcript: transcript.join("\n"),
    matchedIntents: intentNames,
    toolResults,
    deliveries,
  };
}

/** The intent's answer in the caller's language only; none when the clinic wrote it only in the other. */
function intentAnswer(intent: PromptIntent | undefined, language: Language): string | undefined {
  return language === "ru" ? intent?.answerRussian : intent?.answerEnglish;
}

/** Did the caller name a time ("at 10", "10:30", "3pm", "в 10")? */
function saysTime(utterance: string): boolean {
  return /\b\d{1,2}:\d{2}|\b\d{1,2}\s*(am|pm)\b|(?:\bat|(?:^|\s)в|(?:^|\s)к)\s+\d{1,2}(?!\d)/i.test(utterance);
}

interface DialogueState {
  name?: string;
  /** Times offered and not yet taken or refused. */
  offered: Slot[];
  /** The agreed time, waiting for the caller's name. */
  chosen?: Slot;
  awaitingName: boolean;
  /** The line (and intent) that asked for the appointment. */
  request?: { utterance: string; intentName?: string };
  /** The caller already answered the name question on their own (see the loop). */
  nameGiven?: boolean;
  booked?: Slot & { name: string };
  /** transfer_to_staff succeeded: the assistant's part of the call is over. */
  transferred?: boolean;
  /** take_message put a message in the clinic's inbox. */
  messageTaken?: boolean;
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

/** The prompt's clinic status line says the clinic is closed now (assistant-prompt.ts `statusLine`). */
function clinicClosedNow(prompt: string): boolean {
  return /The clinic is CLOSED now/.test(prompt);
}

function asksForPerson(utterance: string): boolean {
  return keywords(utterance).some((word) => TRANSFER_WORDS.some((known) => sameWord(word, known)));
}

/** What the assistant says while the server puts the caller through: the tool's request-start line. */
function transferLine(assistant: Record<string, unknown> | undefined, language: Language): string {
  const model = (assistant?.model ?? {}) as {
    tools?: { function?: { name?: string }; messages?: { type?: string; content?: string }[] }[];
  };
  const tool = model.tools?.find((candidate) => candidate.function?.name === "transfer_to_staff");
  const line = tool?.messages?.find((message) => message.type === "request-start")?.content;
  return line ?? (language === "ru" ? "Соединяю вас с сотрудником клиники." : "Connecting you to the clinic's team now.");
}

/** Forwarded when the caller asks for a person (or an intent's action is `transfer`) and transferCall exists. */
function pickEndedReason(callerSays: string[], matched: PromptIntent[], assistant: Record<string, unknown> | undefined): string {
  const asksForPerson = callerSays.some((line) => keywords(line).some((word) => TRANSFER_WORDS.some((known) => sameWord(word, known))));
  const wantsHuman = asksForPerson || matched.some((intent) => intent.action?.toLowerCase() === "transfer");
  return wantsHuman && hasToolOfType(assistant, "transferCall") ? "assistant-forwarded-call" : "customer-ended-call";
}

/** A plain summary of what happened, in English for the clinic's team: never tool names. */
function summarise(callerSays: string[], intentNames: string[], dialogue: DialogueState): string {
  const who = dialogue.name ?? "The caller";
  if (dialogue.booked) {
    return `${who} booked an appointment for ${spokenDate(dialogue.booked.date, "en")} at ${dialogue.booked.time}.`;
  }
  const topics = intentNames.length > 0 ? ` about ${intentNames.map((name) => name.toLowerCase()).join(" and ")}` : "";
  if (dialogue.offered.length > 0 || dialogue.chosen) {
    return `${who} asked${topics} for an appointment and was offered ${offeredTimes(dialogue.offered.length ? dialogue.offered : [dialogue.chosen!], "en")}; nothing was booked.`;
  }
  if (callerSays.length === 0) return "The caller said nothing.";
  if (dialogue.messageTaken) return `${who} left a message for the team${topics}.`;
  return intentNames.length > 0 ? `${who} asked${topics}; the receptionist answered.` : `${who} said: "${callerSays[0]}".`;
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
