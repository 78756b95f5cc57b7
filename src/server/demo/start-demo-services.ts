import { type MailCatcher, startMailCatcher } from "@/providers/email/emulator/mail-catcher";
import { type GoogleEmulator, startGoogleEmulator } from "@/providers/google/emulator";
import { emulatedPrices, randomEmulatorKey, startStripeEmulator } from "@/providers/stripe/emulator";
import { startTwilioEmulator, type TwilioEmulator } from "@/providers/twilio/emulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { addDays, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { DEMO_ACCOUNT, DEMO_CREDENTIALS } from "./demo-credentials";
import type { DemoSecrets } from "./demo-secrets";

export interface DemoServices {
  /** Environment for the app server: points every provider at its emulator. */
  env: Record<string, string>;
  /** Twilio's REST API (live-call updates); the demo call simulator registers its calls here. */
  twilio: TwilioEmulator;
  /** Where the app's emails go (SMTP_URL): the Demo inbox page lists what it caught. */
  mail: MailCatcher;
  close(): Promise<void>;
}

/**
 * Demo mode's providers: the Vapi emulator and the Twilio REST emulator on loopback (Twilio's
 * webhooks are simulated by whoever places the call: the dashboard's test-call button or
 * `npm run simulate:call`), and the Google
 * emulator unless real Google credentials are set. The app connects the demo clinic's calendar
 * to it when it starts (connect-demo-calendar.ts). And a mail catcher (SMTP on loopback) that
 * keeps every email the app sends, unless SMTP_URL is set.
 */
export async function startDemoServices(secrets: DemoSecrets, options: { appUrl?: string } = {}): Promise<DemoServices> {
  const vapi = await startVapiEmulator({ apiKey: secrets.vapiApiKey });
  const twilio = await startTwilioEmulator({ accountSid: DEMO_CREDENTIALS.twilioAccountSid, authToken: secrets.twilioAuthToken });
  twilio.registerMessagingService(DEMO_CREDENTIALS.twilioMessagingServiceSid);
  const google = process.env.GOOGLE_CLIENT_ID ? undefined : await startDemoGoogle();
  // Billing against the Stripe emulator, unless a real key is set. Its state lives in memory, so
  // its key and signing secret are new each start (a customer it forgot is created again).
  const stripeKey = randomEmulatorKey();
  const stripeWebhookSecret = `whsec_${randomEmulatorKey().slice(8)}`;
  const stripe = process.env.STRIPE_SECRET_KEY
    ? undefined
    : await startStripeEmulator({
        apiKey: stripeKey,
        prices: emulatedPrices({ id: DEMO_STRIPE.priceId }, { id: DEMO_STRIPE.meteredPriceId, eventName: DEMO_STRIPE.meterEventName }),
        webhook: options.appUrl ? { url: `${options.appUrl}/api/webhooks/stripe`, secret: stripeWebhookSecret } : undefined,
      });
  // Real SMTP settings win; otherwise every email lands in the loopback catcher.
  const mail = await startMailCatcher();
  const smtp: Record<string, string> = process.env.SMTP_URL
    ? {}
    : { SMTP_URL: mail.smtpUrl, EMAIL_FROM: "Clinicall demo <no-reply@clinicall.test>" };
  return {
    env: {
      DEMO: "1",
      TWILIO_AUTH_TOKEN: secrets.twilioAuthToken,
      TWILIO_ACCOUNT_SID: DEMO_CREDENTIALS.twilioAccountSid,
      TWILIO_API_URL: twilio.url,
      VAPI_API_KEY: secrets.vapiApiKey,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: secrets.vapiWebhookSecret,
      VAPI_PHONE_NUMBER_ID: DEMO_CREDENTIALS.vapiPhoneNumberId,
      ...smtp,
      ...(google
        ? {
            GOOGLE_CLIENT_ID: DEMO_CREDENTIALS.googleClientId,
            GOOGLE_CLIENT_SECRET: DEMO_CREDENTIALS.googleClientSecret,
            GOOGLE_OAUTH_AUTH_URL: google.urls.auth,
            GOOGLE_OAUTH_TOKEN_URL: google.urls.token,
            GOOGLE_OAUTH_REVOKE_URL: google.urls.revoke,
            GOOGLE_CALENDAR_API_URL: google.urls.calendarApi,
          }
        : {}),
      ...(stripe
        ? {
            STRIPE_SECRET_KEY: stripeKey,
            STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
            STRIPE_PRICE_ID: DEMO_STRIPE.priceId,
            STRIPE_METERED_PRICE_ID: DEMO_STRIPE.meteredPriceId,
            STRIPE_METER_EVENT_NAME: DEMO_STRIPE.meterEventName,
            STRIPE_API_URL: stripe.url,
          }
        : {}),
    },
    twilio,
    mail,
    close: async () => {
      await mail.close();
      await vapi.close();
      await twilio.close();
      await google?.close();
      await stripe?.close();
    },
  };
}

/** The demo's Stripe catalogue: a monthly plan and metered call minutes. */
const DEMO_STRIPE = { priceId: "price_demo_plan", meteredPriceId: "price_demo_call_minutes", meterEventName: "call_minutes" } as const;

/**
 * A Google emulator that shows its consent screen (each clinic names its own account and gets
 * its own calendar); the demo clinic's calendar already holds a team meeting every weekday
 * lunchtime (London).
 */
async function startDemoGoogle(): Promise<GoogleEmulator> {
  const google = await startGoogleEmulator({
    clientId: DEMO_CREDENTIALS.googleClientId,
    clientSecret: DEMO_CREDENTIALS.googleClientSecret,
    accountEmail: DEMO_ACCOUNT.calendarEmail,
  });
  google.state.consent = "ask";
  const today = new Date().toISOString().slice(0, 10);
  for (let offset = 0; offset < 60; offset++) {
    const date = addDays(today, offset);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    google.state.addBusy(DEMO_ACCOUNT.calendarEmail, {
      start: zonedDateTimeToUtc(date, "12:30", "Europe/London"),
      end: zonedDateTimeToUtc(date, "13:30", "Europe/London"),
    });
  }
  return google;
}
