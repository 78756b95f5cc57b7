export type { EmulatedMessage, EmulatedMessageStatus, MessagingState } from "./messages";
export type { EmulatedRecording, EmulatedTranscription, RecordingsState } from "./recordings";
export { startTwilioEmulator, type TwilioEmulator, type TwilioEmulatorOptions } from "./server";
export type { CallUpdate, EmulatedCallStatus, EmulatedTwilioCall, TwilioEmulatorState } from "./state";
export { checkTwiml, type TwimlElement } from "./twiml-check";
