import { DEMO_LOGIN } from "@/shared/demo-login";

/**
 * Identifiers demo mode uses between the app and the provider emulators it starts on loopback.
 * The secrets that sign webhooks and API calls are not here: they are random per data directory
 * (demo-secrets.ts). The Google client secret only ever reaches the Google emulator on loopback.
 */
export const DEMO_CREDENTIALS = {
  vapiPhoneNumberId: "demo-vapi-phone-number",
  /** The account the Twilio emulator serves (an account sid is an identifier, not a secret). */
  twilioAccountSid: "ACde000000000000000000000000000de0",
  /** The demo clinic's Messaging Service on the Twilio emulator (texts to patients). */
  twilioMessagingServiceSid: "MGde000000000000000000000000000de0",
  googleClientId: "demo-clinicall.apps.googleusercontent.com",
  googleClientSecret: "demo-google-client-secret",
} as const;

export const DEMO_ACCOUNT = {
  ...DEMO_LOGIN,
  clinicName: "Harbour Dental (demo)",
  phoneNumber: "+15551230000",
  /** The Google account whose calendar the demo clinic books into (on the Google emulator). */
  calendarEmail: "frontdesk@harbour-dental.demo",
} as const;
