import type { KnownCaller } from "@/server/patients/load-known-caller";
import type { VoiceAgent } from "@/server/voice-agents/catalogue";
import type { OpeningHours, OpeningStatus } from "@/server/working-hours/opening-hours";
import { buildSystemPrompt, type TransferFacts } from "./assistant-prompt";
import type { CallIntent, CallSettings } from "./load-call-context";

/** The server messages our Vapi webhook handles; Vapi sends nothing else. */
const HANDLED_SERVER_MESSAGES = ["status-update", "tool-calls", "end-of-call-report", "hang"] as const;

export interface AssistantCallFacts {
  clinicName: string;
  status: Pick<OpeningStatus, "open" | "closes_at" | "opens_at_next">;
  calendarConnected: boolean;
  /** A returning patient: name, language and upcoming appointments (nothing else). */
  knownCaller?: KnownCaller | null;
  /** The caller's number is known (not withheld): their own appointments can be found by it. */
  callerHasNumber?: boolean;
  /** PUBLIC_BASE_URL + "/api/webhooks/vapi" */
  serverUrl: string;
  webhookSecret: string;
  metadata: { organisation_id: string; phone_number_id: string; call_id: string };
  /** Who transfer_to_staff can reach now (call routing); none: no transfer tool. */
  transfer?: TransferFacts;
}

const checkAvailabilityTool = {
  type: "function",
  function: {
    name: "check_availability",
    description: "Find free appointment times on a date, in the clinic's timezone.",
    parameters: {
      type: "object",
      properties: {
        date: { type: "string", description: "The date the caller wants, as YYYY-MM-DD." },
        preferred_time: { type: "string", description: "A preferred time of day as HH:MM, if the caller gave one." },
        duration_minutes: { type: "number", description: "Length of the appointment in minutes; 30 if unsure." },
      },
      required: ["date"],
    },
  },
};

const bookAppointmentTool = {
  type: "function",
  function: {
    name: "book_appointment",
    description: "Book the appointment time the caller chose. The caller's phone number is known already.",
    parameters: {
      type: "object",
      properties: {
        start: { type: "string", description: "The chosen start, as an ISO 8601 date-time with offset." },
        customer_name: { type: "string", description: "The caller's full name." },
        reason: { type: "string", description: "What the appointment is for, in a few words." },
      },
      required: ["start", "customer_name"],
    },
  },
};

/** Every clinic has an inbox (the Messages page): the assistant can always leave a message there. */
const takeMessageTool = {
  type: "function",
  function: {
    name: "take_message",
    description: "Leave a message for the clinic's team (they call back). Use it once the caller has said what the message is about.",
    parameters: {
      type: "object",
      properties: {
        reason: { type: "string", description: "What the caller wants, in one sentence." },
        caller_name: { type: "string", description: "The caller's name, if they gave it." },
        callback_number: { type: "string", description: "A number to call back, only if the caller gave one other than this line." },
        summary: { type: "string", description: "Anything else the team needs to know, briefly." },
        urgent: { type: "boolean", description: "True only if the caller says it is urgent (not an emergency)." },
      },
      required: ["reason"],
    },
  },
};

/** Puts the caller through to the clinic's ring group (or, in an emergency, the on-call number). */
const transferToStaffTool = {
  type: "function",
  function: {
    name: "transfer_to_staff",
    description:
      "Put the caller through to a person at the clinic. Use it only when the caller asks for a person, an intent says so, or in an emergency.",
    parameters: {
      type: "object",
      properties: {
        reason: { type: "string", description: "Why the caller wants a person, in a few words." },
        summary: {
          type: "string",
          description: "One or two sentences for the staff member who answers: who is calling and what they need.",
        },
        emergency: { type: "boolean", description: "True only for an emergency the clinic puts through to its on-call clinician." },
      },
      required: ["reason", "summary"],
    },
  },
};

const findMyAppointmentsTool = {
  type: "function",
  function: {
    name: "find_my_appointments",
    description: "List the caller's own upcoming appointments (found by the number they are calling from).",
    parameters: { type: "object", properties: {} },
  },
};

const cancelAppointmentTool = {
  type: "function",
  function: {
    name: "cancel_appointment",
    description: "Cancel one of the caller's own upcoming appointments, once they have confirmed which one.",
    parameters: {
      type: "object",
      properties: {
        appointment_id: { type: "string", description: "The id find_my_appointments gave for that appointment." },
      },
      required: ["appointment_id"],
    },
  },
};

const rescheduleAppointmentTool = {
  type: "function",
  function: {
    name: "reschedule_appointment",
    description: "Move one of the caller's own upcoming appointments to a new start time they chose.",
    parameters: {
      type: "object",
      properties: {
        appointment_id: { type: "string", description: "The id find_my_appointments gave for that appointment." },
        new_start: { type: "string", description: "The new start, as an ISO 8601 date-time with offset." },
      },
      required: ["appointment_id", "new_start"],
    },
  },
};

export type CallLanguage = "en" | "ru";

/**
 * The language the call opens in: the set one, or with "match the caller" (auto) the clinic's
 * first language, English (the assistant switches once the caller speaks Russian).
 */
function openingLanguage(settings: Pick<CallSettings, "default_language">): CallLanguage {
  return settings.default_language === "ru" ? "ru" : "en";
}

const defaultGreeting: Record<CallLanguage, (clinicName: string) => string> = {
  en: (clinicName) => `Hello, you've reached ${clinicName}. How can I help you?`,
  ru: (clinicName) => `Здравствуйте, вы позвонили в ${clinicName}. Чем могу помочь?`,
};

/** Said when the clinic's own notice is written in the other language (it is never read in the wrong one). */
export const defaultRecordingNotice: Record<CallLanguage, string> = {
  en: "This call may be recorded to help us look after you.",
  ru: "Этот звонок может записываться, чтобы мы могли лучше вам помочь.",
};

const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * The recording-consent sentence in the greeting's language (decision 022): the clinic's own in
 * that language (English: recording_disclosure_text unless written in Russian; Russian:
 * recording_consent_text_ru, else an English-field text written in Russian), else ours. Null when
 * the clinic turned consent off.
 */
function recordingNotice(settings: CallSettings, language: CallLanguage): string | null {
  if (!settings.recording_disclosure_enabled) return null;
  const english = settings.recording_disclosure_text?.trim() ?? "";
  const russian = settings.recording_consent_text_ru?.trim() ?? "";
  if (language === "ru") return russian || (CYRILLIC.test(english) ? english : "") || defaultRecordingNotice.ru;
  return (english && !CYRILLIC.test(english) ? english : "") || defaultRecordingNotice.en;
}

/** A name as it may be spoken: one line, no markup, at most 80 characters. */
function spokenName(name: string): string {
  return name
    .replace(/[\r\n#*`"<>{}]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
}

const welcomeBack: Record<CallLanguage, (name: string, clinicName: string) => string> = {
  en: (name, clinicName) => `Hello ${name}, welcome back to ${clinicName}. How can I help you?`,
  ru: (name, clinicName) => `Здравствуйте, ${name}! Вы позвонили в ${clinicName}. Чем могу помочь?`,
};

/**
 * One greeting, in one language. With consent spoken in the first message (consent_delivery
 * "first_message", or no Vapi consent support), the consent sentence comes first, in the same
 * language, so it is heard before anything else is said. A returning patient is greeted by name,
 * in their own language when it is known.
 */
function greeting(settings: CallSettings, clinicName: string, caller?: KnownCaller | null): string {
  const language = caller?.language ?? openingLanguage(settings);
  const name = caller?.name ? spokenName(caller.name) : "";
  const written = (language === "ru" ? settings.greeting_ru : settings.greeting_en)?.trim();
  const base = name ? welcomeBack[language](name, clinicName) : written || defaultGreeting[language](clinicName);
  const notice = consentDelivery(settings) === "first_message" ? recordingNotice(settings, language) : null;
  return notice ? `${notice} ${base}` : base;
}

/** How consent is asked: Vapi's recordingConsentPlan unless the clinic chose the first message. */
function consentDelivery(settings: CallSettings): "vapi" | "first_message" {
  return settings.consent_delivery ?? "first_message";
}

/**
 * Vapi's compliancePlan (validated against the OpenAPI document's CompliancePlan): HIPAA mode when
 * the clinic has that Vapi plan, and the consent sentence spoken by Vapi before the assistant
 * starts (stay-on-line: a caller who hangs up has not consented; nothing was recorded).
 */
function compliancePlan(settings: CallSettings, language: CallLanguage) {
  const notice = consentDelivery(settings) === "vapi" ? recordingNotice(settings, language) : null;
  const hipaa = settings.compliance_mode === "hipaa";
  if (!notice && !hipaa) return undefined;
  return {
    ...(hipaa ? { hipaaEnabled: true } : {}),
    ...(notice ? { recordingConsentPlan: { type: "stay-on-line" as const, message: notice.slice(0, 1000), waitSeconds: 3 } } : {}),
  };
}

/**
 * The minimum the assistant may know of a returning caller (the patients decision, 018): name,
 * language and at most three upcoming appointments (id, start, summary). Whatever else a caller
 * object carries (notes, past calls, other names, numbers) never reaches Vapi.
 */
function minimumNecessary(caller: KnownCaller | null | undefined): KnownCaller | null {
  if (!caller) return null;
  return {
    name: caller.name ?? null,
    language: caller.language === "en" || caller.language === "ru" ? caller.language : null,
    upcoming: caller.upcoming.slice(0, 3).map(({ id, start, summary }) => ({ id, start, summary })),
  };
}

const endCallMessages: Record<CallLanguage, string> = {
  en: "Thank you for calling. Goodbye.",
  ru: "Спасибо за звонок. До свидания.",
};
const transferMessages: Record<CallLanguage, string> = {
  en: "Connecting you to the clinic's team now.",
  ru: "Соединяю вас с сотрудником клиники.",
};

/**
 * The seed's buildTransientAssistant: a Vapi `CreateAssistantDTO` built per call from the
 * organisation's voice agent, intents, settings and hours. Pure: same input, same assistant.
 * Validated against the OpenAPI document in tests.
 */
export function buildTransientAssistant(
  voiceAgent: VoiceAgent,
  intents: CallIntent[],
  settings: CallSettings,
  hours: OpeningHours,
  now: Date,
  callFacts: AssistantCallFacts,
) {
  const facts = { ...callFacts, knownCaller: minimumNecessary(callFacts.knownCaller) };
  // A returning patient's own language wins from the first word.
  const language = facts.knownCaller?.language ?? openingLanguage(settings);
  const compliance = compliancePlan(settings, language);
  const tools: Record<string, unknown>[] = [];
  if (facts.calendarConnected) tools.push(checkAvailabilityTool, bookAppointmentTool);
  tools.push(takeMessageTool);
  if (facts.calendarConnected && facts.callerHasNumber) {
    tools.push(findMyAppointmentsTool, cancelAppointmentTool, rescheduleAppointmentTool);
  }
  // Vapi cannot transfer a bypass call (Twilio owns the leg): our own tool asks our server to
  // move the call (decision 019); Vapi says the line while the webhook answers.
  if (facts.transfer?.staff || facts.transfer?.emergency) {
    tools.push({
      ...transferToStaffTool,
      messages: [{ type: "request-start", content: transferMessages[language], blocking: true }],
    });
  }
  tools.push({ type: "endCall" });

  return {
    name: facts.clinicName.slice(0, 40),
    firstMessage: greeting(settings, facts.clinicName, facts.knownCaller),
    firstMessageMode: "assistant-speaks-first" as const,
    model: {
      provider: voiceAgent.model.provider,
      model: voiceAgent.model.model,
      temperature: 0.3,
      messages: [
        {
          role: "system" as const,
          content: buildSystemPrompt({
            voiceAgent,
            clinicName: facts.clinicName,
            intents,
            settings,
            hours,
            status: facts.status,
            now,
            calendarConnected: facts.calendarConnected,
            openingLanguage: language,
            knownCaller: facts.knownCaller ?? null,
            callerHasNumber: facts.callerHasNumber ?? false,
            transfer: facts.transfer,
          }),
        },
      ],
      tools,
    },
    voice: { provider: voiceAgent.voice.provider, voiceId: voiceAgent.voice.voiceId, model: voiceAgent.voice.model },
    // Nova-3 "multi" transcribes English and Russian in one stream, switching mid-call.
    transcriber: { provider: "deepgram" as const, model: "nova-3", language: "multi" },
    server: { url: facts.serverUrl, timeoutSeconds: 10, headers: { "x-vapi-secret": facts.webhookSecret } },
    serverMessages: [...HANDLED_SERVER_MESSAGES],
    // Vapi's live-listen and live-control URLs are unauthenticated by default: anyone holding the
    // call object could hear a patient or steer the call. Nobody here uses them, so both are off.
    monitorPlan: { listenEnabled: false, controlEnabled: false },
    ...(compliance ? { compliancePlan: compliance } : {}),
    // HIPAA mode: Vapi records only into the clinic's own bucket (its Provider Credentials), and
    // only when told so explicitly; our pages say where the recording is instead of playing it.
    ...(settings.compliance_mode === "hipaa" ? { artifactPlan: { recordingEnabled: true, recordingUseCustomStorageEnabled: true } } : {}),
    // A fixed language says goodbye in it; "match the caller" leaves the goodbye to the model,
    // which speaks the caller's language by then (see the prompt's rules).
    ...(settings.default_language === "auto" && !facts.knownCaller?.language ? {} : { endCallMessage: endCallMessages[language] }),
    maxDurationSeconds: settings.max_call_minutes * 60,
    metadata: facts.metadata,
  };
}

export type TransientAssistant = ReturnType<typeof buildTransientAssistant>;
