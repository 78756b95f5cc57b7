import { getMetrics } from "./registry";

export type ObservedWebhook =
  | "twilio_status"
  | "twilio_voicemail"
  | "twilio_after_ai"
  | "twilio_after_dial"
  | "twilio_whisper"
  | "twilio_sms"
  | "twilio_sms_status"
  | "twilio_transcription"
  | "vapi"
  | "stripe";

/** Counts one Twilio status/voicemail callback or Vapi message by a short fixed outcome word. */
export function countWebhookMessage(webhook: ObservedWebhook, outcome: string): void {
  getMetrics().webhookMessages.inc({ webhook, outcome });
}
