/**
 * Credentials demo mode uses between the app and the provider emulators it starts on loopback.
 * They protect nothing real: demo mode never talks to a real provider.
 */
export const DEMO_CREDENTIALS = {
  twilioAuthToken: "demo-twilio-auth-token",
  vapiApiKey: "demo-vapi-api-key",
  vapiWebhookSecret: "demo-vapi-webhook-secret-0123456789",
  vapiPhoneNumberId: "demo-vapi-phone-number",
  googleClientId: "demo-clinicall.apps.googleusercontent.com",
  googleClientSecret: "demo-google-client-secret",
} as const;

export const DEMO_ACCOUNT = {
  email: "demo@clinicall.test",
  password: "clinicall-demo",
  clinicName: "Harbour Dental (demo)",
  phoneNumber: "+15551230000",
  /** The Google account whose calendar the demo clinic books into (on the Google emulator). */
  calendarEmail: "frontdesk@harbour-dental.demo",
} as const;
