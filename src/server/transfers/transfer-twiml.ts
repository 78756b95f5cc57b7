import { VoiceResponse, voicemailRecordAttributes } from "@/providers/twilio/twiml";
import type { TransferDestination } from "@/server/db/schema/call-transfers";

/**
 * The TwiML of a live transfer (decision 019). Every callback URL is absolute: TwiML sent with
 * calls(sid).update has no document URL to resolve a relative one against (Twilio error 15004),
 * and the same documents are answered to webhooks, where absolute URLs do no harm.
 */

export type SpokenLanguage = "en" | "ru";

const VOICES = {
  en: { language: "en-US", voice: "Polly.Joanna" },
  ru: { language: "ru-RU", voice: "Polly.Tatyana" },
} as const;

/** Where Twilio reaches us about a call's transfer; `base` is PUBLIC_BASE_URL. */
export function webhookUrl(base: string, path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return `${base.replace(/\/+$/, "")}${path}${search ? `?${search}` : ""}`;
}

export const TRANSFER_PATHS = {
  afterAssistant: "/api/webhooks/twilio/after-ai",
  afterDial: "/api/webhooks/twilio/after-dial",
  whisper: "/api/webhooks/twilio/whisper",
  whisperAnswer: "/api/webhooks/twilio/whisper-answer",
  voicemail: "/api/webhooks/twilio/voicemail",
} as const;

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * Vapi's TwiML (`<Connect><Stream .../></Connect>`) with an action on the <Connect>: when the
 * assistant's stream ends for any reason (a hang-up, a transfer request, Vapi failing mid-call)
 * Twilio asks `actionUrl` what happens next instead of ending the call. A document without a
 * <Connect> is returned as it came.
 */
export function withConnectAction(twiml: string, actionUrl: string): string {
  return twiml.replace(/<Connect(?![^>]*\saction=)(\s[^>]*)?>/, (_whole, attributes: string | undefined) => {
    const rest = (attributes ?? "").replace(/\/$/, "");
    return `<Connect action="${escapeAttribute(actionUrl)}" method="POST"${rest}>`;
  });
}

export interface DialPlan {
  base: string;
  transferId: string;
  destinations: TransferDestination[];
  timeoutSeconds: number;
  /** The clinic's number the caller dialled: staff see the clinic calling. */
  callerId: string | null;
  /** Said to the caller before the ringing starts (none when the assistant already said it). */
  announce?: SpokenLanguage;
}

/** Rings every destination at once; each leg first hears the whisper; the result goes to after-dial. */
export function dialTwiml(plan: DialPlan): string {
  const response = new VoiceResponse();
  if (plan.announce) {
    response.say(
      VOICES[plan.announce],
      plan.announce === "ru" ? "Соединяю вас с сотрудником клиники." : "Connecting you to the clinic's team.",
    );
  }
  const dial = response.dial({
    action: webhookUrl(plan.base, TRANSFER_PATHS.afterDial, { transfer: plan.transferId }),
    method: "POST",
    timeout: plan.timeoutSeconds,
    answerOnBridge: true,
    ...(plan.callerId ? { callerId: plan.callerId } : {}),
  });
  plan.destinations.slice(0, 10).forEach((destination, index) => {
    dial.number(
      { url: webhookUrl(plan.base, TRANSFER_PATHS.whisper, { transfer: plan.transferId, d: String(index) }), method: "POST" },
      destination.number,
    );
  });
  return response.toString();
}

/** One line, no markup, at most `max` characters: the caller's words spoken to staff. */
function spokenText(text: string | null | undefined, max: number): string {
  return (text ?? "")
    .replace(/[\r\n<>{}#*`]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

export interface Whisper {
  base: string;
  transferId: string;
  destinationIndex: number;
  clinicName: string;
  reason: string | null;
  summary: string | null;
  emergency: boolean;
  language: SpokenLanguage;
}

/**
 * What the staff member hears before the caller is put through: who the call is for, the
 * caller's reason and the assistant's summary, then "press 1". Any other key or none hangs up
 * this leg only, so a personal voicemail that answers never gets the caller.
 */
export function whisperTwiml(whisper: Whisper): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    numDigits: 1,
    timeout: 6,
    action: webhookUrl(whisper.base, TRANSFER_PATHS.whisperAnswer, { transfer: whisper.transferId, d: String(whisper.destinationIndex) }),
    method: "POST",
  });
  const voice = VOICES[whisper.language];
  const clinic = spokenText(whisper.clinicName, 80);
  const reason = spokenText(whisper.reason, 200);
  const summary = spokenText(whisper.summary, 500);
  if (whisper.language === "ru") {
    gather.say(voice, `${whisper.emergency ? "Срочно. " : ""}Звонок для ${clinic} от телефонного помощника.`);
    if (reason) gather.say(voice, `Причина: ${reason}.`);
    if (summary) gather.say(voice, summary);
    gather.say(voice, "Нажмите 1, чтобы принять звонок.");
  } else {
    gather.say(voice, `${whisper.emergency ? "Urgent. " : ""}A call for ${clinic}, put through by the phone assistant.`);
    if (reason) gather.say(voice, `Reason: ${reason}.`);
    if (summary) gather.say(voice, summary);
    gather.say(voice, "Press 1 to take the call.");
  }
  response.hangup();
  return response.toString();
}

/** The staff member pressed 1 and is the one who takes the call: an empty document bridges the legs. */
export function bridgeTwiml(): string {
  return new VoiceResponse().toString();
}

export function hangupTwiml(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}

export type VoicemailReason = "no_answer" | "after_hours" | "assistant_failed";

const VOICEMAIL_PROMPTS: Record<VoicemailReason, Record<SpokenLanguage, string>> = {
  no_answer: {
    en: "Sorry, nobody from the team could take your call. Please leave your name, number and message after the tone, then press the pound key.",
    ru: "Извините, сейчас никто из сотрудников не может ответить. Оставьте, пожалуйста, имя, номер и сообщение после сигнала, затем нажмите решётку.",
  },
  after_hours: {
    en: "Thank you for calling. The clinic is closed now. Please leave your name, number and message after the tone, then press the pound key.",
    ru: "Спасибо за звонок. Клиника сейчас закрыта. Оставьте, пожалуйста, имя, номер и сообщение после сигнала, затем нажмите решётку.",
  },
  assistant_failed: {
    en: "Sorry, we were cut off. Please leave your name, number and message after the tone, then press the pound key.",
    ru: "Извините, связь прервалась. Оставьте, пожалуйста, имя, номер и сообщение после сигнала, затем нажмите решётку.",
  },
};

/** A greeting, then a recording posted to the voicemail webhook (which files it as a message). */
export function voicemailTwiml(base: string, why: VoicemailReason, language: SpokenLanguage, transferId?: string): string {
  const response = new VoiceResponse();
  response.say(VOICES[language], VOICEMAIL_PROMPTS[why][language]);
  // Absolute URLs, with Twilio's transcription (decision 020); the action names the transfer.
  const attributes = voicemailRecordAttributes(base.replace(/\/+$/, ""));
  response.record({
    ...attributes,
    maxLength: 110,
    action: webhookUrl(base, TRANSFER_PATHS.voicemail, transferId ? { transfer: transferId } : {}),
  });
  // Reached only when nothing was recorded (Twilio then skips the action).
  response.say(VOICES[language], language === "ru" ? "Мы не получили сообщения. До свидания." : "We did not receive a message. Goodbye.");
  response.hangup();
  return response.toString();
}

/** Nobody answered and the clinic offers a call back: the message is filed already. */
export function callbackTakenTwiml(language: SpokenLanguage): string {
  const response = new VoiceResponse();
  response.say(
    VOICES[language],
    language === "ru"
      ? "Извините, сейчас никто не может ответить. Мы передали ваше сообщение, сотрудники клиники вам перезвонят. До свидания."
      : "Sorry, nobody from the team could take your call. We have passed on your message and the clinic will call you back. Goodbye.",
  );
  response.hangup();
  return response.toString();
}
