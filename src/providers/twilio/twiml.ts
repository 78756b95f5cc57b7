import twilio from "twilio";

/** Twilio's TwiML builder, through the package's public export (`twilio.twiml.VoiceResponse`). */
export const VoiceResponse = twilio.twiml.VoiceResponse;
export type VoiceResponse = twilio.twiml.VoiceResponse;

/**
 * The TwiML documents Clinicall answers an inbound call with when it does not hand the call to
 * Vapi. Each speaks English, then Russian (callers may speak either), and returns a complete
 * XML document for `text/xml`.
 */

/** Where Twilio POSTs a message recorded by `vapiUnavailable` (relative: resolved against our webhook URL). */
export const VOICEMAIL_ACTION_PATH = "/api/webhooks/twilio/voicemail";
/** Where Twilio POSTs the transcription of a recorded voicemail (decision 020). */
export const TRANSCRIPTION_CALLBACK_PATH = "/api/webhooks/twilio/transcription";
/** Longest voicemail, in seconds. */
const VOICEMAIL_MAX_LENGTH_SECONDS = 120;
/** How long a transfer rings before giving up, in seconds. */
const DIAL_TIMEOUT_SECONDS = 25;

const ENGLISH = { language: "en-US", voice: "Polly.Joanna" } as const;
const RUSSIAN = { language: "ru-RU", voice: "Polly.Tatyana" } as const;

/** The dialled number is unknown or inactive: say so, hang up. */
export function notRegistered(): string {
  const response = new VoiceResponse();
  say(
    response,
    "Sorry, this number is not registered with our service. Goodbye.",
    "Извините, этот номер не зарегистрирован в нашем сервисе. До свидания.",
  );
  response.hangup();
  return response.toString();
}

/** The clinic lacks what a call needs (no voice agent, no intents): say so, hang up. */
export function notConfigured(): string {
  const response = new VoiceResponse();
  say(
    response,
    "Sorry, this clinic's phone assistant is not set up yet. Please call again later. Goodbye.",
    "Извините, телефонный помощник клиники ещё не настроен. Пожалуйста, позвоните позже. До свидания.",
  );
  response.hangup();
  return response.toString();
}

/** The clinic's subscription has lapsed: a polite message, then the clinic's own line when there is one. */
export function subscriptionInactive(transferNumber?: string): string {
  const response = new VoiceResponse();
  say(
    response,
    "Thank you for calling. Our phone assistant is not available at the moment.",
    "Спасибо за звонок. Наш телефонный помощник сейчас недоступен.",
  );
  if (transferNumber) {
    say(response, "Connecting you to the clinic.", "Соединяем вас с клиникой.");
    response.dial({ timeout: DIAL_TIMEOUT_SECONDS }, transferNumber);
  } else {
    say(response, "Please call the clinic again later. Goodbye.", "Пожалуйста, позвоните в клинику позже. До свидания.");
    response.hangup();
  }
  return response.toString();
}

/**
 * Vapi failed, timed out or answered garbage: put the caller through to the clinic when a transfer
 * number is set, otherwise apologise and record a message (POSTed to VOICEMAIL_ACTION_PATH).
 */
export function vapiUnavailable(transferNumber?: string): string {
  const response = new VoiceResponse();
  if (transferNumber) {
    say(response, "Please hold while we connect you to the clinic.", "Пожалуйста, подождите, соединяем вас с клиникой.");
    response.dial({ timeout: DIAL_TIMEOUT_SECONDS }, transferNumber);
    return response.toString();
  }
  say(
    response,
    "Sorry, our assistant cannot take your call right now. Please leave your name, number and message after the tone, then press the pound key.",
    "Извините, помощник сейчас не может ответить. Оставьте, пожалуйста, имя, номер телефона и сообщение после сигнала, затем нажмите решётку.",
  );
  response.record(voicemailRecordAttributes());
  // Reached only when nothing was recorded (Twilio then skips the action URL).
  say(response, "We did not receive a message. Goodbye.", "Мы не получили сообщения. До свидания.");
  response.hangup();
  return response.toString();
}

/**
 * The attributes of every voicemail <Record>: the recording goes to VOICEMAIL_ACTION_PATH and
 * Twilio's transcription to TRANSCRIPTION_CALLBACK_PATH (Twilio transcribes recordings of 2 to 120
 * seconds). TwiML answered to a webhook may use our paths; TwiML sent with calls(sid).update needs
 * absolute URLs (Twilio error 15004): pass the public base URL then.
 */
export function voicemailRecordAttributes(baseUrl = "") {
  return {
    action: `${baseUrl}${VOICEMAIL_ACTION_PATH}`,
    method: "POST" as const,
    maxLength: VOICEMAIL_MAX_LENGTH_SECONDS,
    timeout: 5,
    finishOnKey: "#",
    playBeep: true,
    transcribe: true,
    transcribeCallback: `${baseUrl}${TRANSCRIPTION_CALLBACK_PATH}`,
  };
}

function say(response: VoiceResponse, english: string, russian: string): void {
  response.say(ENGLISH, english);
  response.say(RUSSIAN, russian);
}
