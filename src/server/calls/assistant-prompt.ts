import type { KnownCaller } from "@/server/patients/load-known-caller";
import type { VoiceAgent } from "@/server/voice-agents/catalogue";
import type { OpeningHours, OpeningStatus } from "@/server/working-hours/opening-hours";
import type { CallIntent, CallSettings } from "./load-call-context";

const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const actionText: Record<CallIntent["action"], string> = {
  answer: "none (answer and carry on)",
  book_appointment: "book_appointment",
  transfer_to_human: "transfer",
  take_message: "take_message",
};

// Intl.DateTimeFormat is costly to build and this runs on every incoming call: one per zone and shape.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timezone}|${withDate}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-GB", {
      timeZone: timezone,
      weekday: "long",
      ...(withDate && { day: "numeric", month: "long", year: "numeric" }),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(key, cached);
  }
  return cached;
}

function localDateTime(at: Date, timezone: string): string {
  return formatter(timezone, true).format(at);
}

function localTime(iso: string, timezone: string): string {
  return formatter(timezone, false).format(new Date(iso));
}

function weeklyHours(hours: OpeningHours): string {
  const lines = [1, 2, 3, 4, 5, 6, 0].map((day) => {
    const ranges = hours.days
      .filter((d) => d.day_of_week === day)
      .flatMap((d) => d.ranges)
      .map((r) => `${r.opens_at}–${r.closes_at}`);
    return `- ${dayNames[day]}: ${ranges.length ? ranges.join(", ") : "closed"}`;
  });
  const exceptions = hours.exceptions.map((e) =>
    e.closed
      ? `- ${e.date}${e.label ? ` (${e.label})` : ""}: closed`
      : `- ${e.date}${e.label ? ` (${e.label})` : ""}: ${e.ranges.map((r) => `${r.opens_at}–${r.closes_at}`).join(", ")}`,
  );
  return [...lines, ...(exceptions.length ? ["Exceptions:", ...exceptions] : [])].join("\n");
}

function statusLine(status: Pick<OpeningStatus, "open" | "closes_at" | "opens_at_next">, timezone: string): string {
  if (status.open) {
    return `The clinic is OPEN now${status.closes_at ? ` and closes at ${localTime(status.closes_at, timezone)}` : ""}.`;
  }
  return `The clinic is CLOSED now${status.opens_at_next ? `; it opens next on ${localTime(status.opens_at_next, timezone)}` : ""}.`;
}

const afterHoursRule: Record<CallSettings["after_hours_behaviour"], string> = {
  take_message: "When the clinic is closed, say so, then take the caller's name and message for the team with take_message.",
  inform_and_end: "When the clinic is closed, say so, tell the caller when it opens next, and end the call politely.",
};

/** The intents block, in the format the Vapi emulator also parses (see emulator/prompt-intents.ts). */
function intentsBlock(intents: CallIntent[]): string {
  if (intents.length === 0) return "## What callers ask for\nNo specific topics are configured.";
  const blocks = intents.map((intent) =>
    [
      `### Intent: ${intent.name}`,
      `Examples: ${intent.example_phrases.join(" | ")}`,
      intent.response_en ? `Answer (English): ${intent.response_en}` : undefined,
      intent.response_ru ? `Answer (Russian): ${intent.response_ru}` : undefined,
      `Action: ${actionText[intent.action]}`,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return `## What callers ask for\nWhen a caller's request matches one of these, give its answer in the caller's language (translate it if only the other language is written), then take its action.\n\n${blocks.join("\n\n")}`;
}

export interface PromptInput {
  voiceAgent: VoiceAgent;
  clinicName: string;
  intents: CallIntent[];
  settings: CallSettings;
  hours: OpeningHours;
  status: Pick<OpeningStatus, "open" | "closes_at" | "opens_at_next">;
  now: Date;
  calendarConnected: boolean;
  /** The language the greeting (firstMessage) was said in. */
  openingLanguage?: "en" | "ru";
  knownCaller?: KnownCaller | null;
  callerHasNumber?: boolean;
  /** Who the assistant can put a caller through to (call routing): staff now, on call for emergencies. */
  transfer?: TransferFacts;
}

export interface TransferFacts {
  /** The clinic is open and has staff numbers: transfer_to_staff rings them. */
  staff: boolean;
  /** Emergencies are put through to the on-call number (transfer_to_staff with emergency true). */
  emergency: boolean;
}

const languageNames = { en: "English", ru: "Russian" } as const;

function languageRule(input: PromptInput): string {
  const opening = input.openingLanguage ?? "en";
  const other = opening === "en" ? "ru" : "en";
  if (input.settings.default_language === "auto") {
    return `You have already greeted the caller in ${languageNames[opening]}, with the recording notice; do not greet again. Answer in the caller's language: if they speak ${languageNames[other]}, continue in ${languageNames[other]} from then on (English or Russian only). If they switch, switch with them. Say goodbye in the caller's language before you end the call.`;
  }
  return `You have already greeted the caller in ${languageNames[opening]}, with the recording notice; do not greet again. Speak ${languageNames[opening]} unless the caller speaks or asks for ${languageNames[other]}; then switch (English or Russian only).`;
}

/** A name as it may appear in the prompt: one line, no markup. */
function promptName(name: string): string {
  return name
    .replace(/[\r\n#*`"<>{}]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
}

/** The returning caller, in a few lines: name, language, upcoming appointments. Nothing else. */
function callerBlock(caller: KnownCaller, timezone: string): string {
  const lines = ["## The caller", "This caller is a returning patient of the clinic (recognised by their number)."];
  if (caller.name) lines.push(`Name: ${promptName(caller.name)}. Address them by name (the greeting already did).`);
  if (caller.language) {
    lines.push(`Language: ${caller.language === "ru" ? "Russian" : "English"}. Answer in it from the first word unless they switch.`);
  }
  if (caller.upcoming.length) {
    lines.push("Upcoming appointments:");
    for (const a of caller.upcoming) lines.push(`- ${localDateTime(a.start, timezone)} (id ${a.id})`);
  } else {
    lines.push("No upcoming appointments.");
  }
  return lines.join("\n");
}

/** The system prompt: base prompt, clinic facts, hours, intents, then the rules. */
export function buildSystemPrompt(input: PromptInput): string {
  const { settings, hours } = input;
  const rules = [
    languageRule(input),
    "Never give medical advice, a diagnosis or a dosage; offer an appointment or the clinic's team instead.",
    input.transfer?.emergency
      ? `If the caller describes an emergency, say exactly: "${settings.emergency_message}", then use transfer_to_staff with emergency true, the emergency as the reason and what they said as the summary, to put them through to the clinician on call.`
      : `If the caller describes an emergency, say exactly: "${settings.emergency_message}" and end the call.`,
    afterHoursRule[settings.after_hours_behaviour],
    input.calendarConnected
      ? "To book, first use check_availability, offer at most three times, then book_appointment with the caller's name once they choose."
      : "You cannot book appointments on this call: take the caller's name and number and say the team will call back.",
    ...(input.calendarConnected && input.callerHasNumber
      ? [
          "To tell callers about, cancel or move their appointments use find_my_appointments, cancel_appointment and reschedule_appointment: they only ever see the appointments of the number calling. Never act on an appointment for another name or number; offer to take a message instead.",
        ]
      : []),
    input.transfer?.staff
      ? "Transfer to the clinic's team only when the caller asks for a person or an intent says so: use transfer_to_staff with the reason in a few words and a one-sentence summary of the call for the team, tell the caller you are connecting them, then stop speaking."
      : "No one is available to transfer to; take a message instead.",
    "When the caller wants to leave a message or be called back, ask what it is about and their name, then use take_message once.",
    "Keep answers short. Do not invent prices, doctors or services that are not in your instructions.",
  ];
  return [
    input.voiceAgent.basePrompt,
    `## The clinic\nYou answer the phone for ${input.clinicName}. Local date and time: ${localDateTime(input.now, hours.timezone)} (${hours.timezone}). ${statusLine(input.status, hours.timezone)}`,
    ...(input.knownCaller ? [callerBlock(input.knownCaller, hours.timezone)] : []),
    `## Opening hours (${hours.timezone})\n${weeklyHours(hours)}`,
    intentsBlock(input.intents),
    `## Rules\n${rules.map((r) => `- ${r}`).join("\n")}`,
  ].join("\n\n");
}
