import { startVapiEmulator } from "@/providers/vapi/emulator";
import { DEMO_CREDENTIALS } from "./demo-credentials";

export interface DemoServices {
  /** Environment for the app server: points every provider at its emulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Demo mode's providers: the Vapi emulator on loopback (Twilio is simulated by whoever places
 * the call: the dashboard's test-call button or `npm run simulate:call`).
 */
export async function startDemoServices(): Promise<DemoServices> {
  const vapi = await startVapiEmulator({ apiKey: DEMO_CREDENTIALS.vapiApiKey });
  return {
    env: {
      DEMO: "1",
      TWILIO_AUTH_TOKEN: DEMO_CREDENTIALS.twilioAuthToken,
      VAPI_API_KEY: DEMO_CREDENTIALS.vapiApiKey,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: DEMO_CREDENTIALS.vapiWebhookSecret,
      VAPI_PHONE_NUMBER_ID: DEMO_CREDENTIALS.vapiPhoneNumberId,
    },
    close: () => vapi.close(),
  };
}
