// npm run simulate:sms -- --from +447700900123 --body "2" [--to +15551230000] [--url http://127.0.0.1:3000]
// A patient's text to the clinic, against a running Clinicall (demo mode by default): Twilio's
// incoming-message webhook, signed as Twilio signs it. "1" confirms the appointment the clinic
// last texted about, "2" cancels it, STOP/START opt out and back in (Twilio adds OptOutType),
// anything else is kept for the clinic's staff.
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { simulateInboundSms } from "../src/providers/twilio/simulator";
import { DEMO_ACCOUNT, DEMO_CREDENTIALS } from "../src/server/demo/demo-credentials";
import { loadDemoSecrets } from "../src/server/demo/demo-secrets";
import { readDemoServerAddress } from "../src/server/demo/demo-server-address";

nextEnv.loadEnvConfig(process.cwd());
const { values } = parseArgs({
  options: {
    to: { type: "string", default: DEMO_ACCOUNT.phoneNumber },
    from: { type: "string" },
    body: { type: "string" },
    url: { type: "string" },
  },
});
if (!values.from || values.body === undefined) {
  process.stderr.write('Usage: npm run simulate:sms -- --from +447700900123 --body "2" [--to +15551230000]\n');
  process.exit(2);
}
const dataDir = process.env.DATA_DIR || ".data";
const running = readDemoServerAddress(dataDir);
const port = process.env.PORT ?? "3000";
const fromEnv = process.env.PUBLIC_BASE_URL || process.env.NEXT_PUBLIC_APP_URL;
const publicBaseUrl = (fromEnv ?? running?.publicBaseUrl ?? values.url ?? `http://localhost:${port}`).replace(/\/+$/, "");
const appUrl = (values.url ?? running?.appUrl ?? publicBaseUrl).replace(/\/+$/, "");

try {
  const result = await simulateInboundSms({
    baseUrl: appUrl,
    signedBaseUrl: publicBaseUrl,
    authToken: process.env.TWILIO_AUTH_TOKEN || loadDemoSecrets(dataDir).twilioAuthToken,
    accountSid: process.env.TWILIO_ACCOUNT_SID || DEMO_CREDENTIALS.twilioAccountSid,
    from: values.from,
    to: values.to!,
    body: values.body,
  });
  if (result.status !== 200) {
    process.stderr.write(`The text was refused (HTTP ${result.status}): ${result.body.slice(0, 300)}\n`);
    process.exit(1);
  }
  process.stdout.write(`Text ${result.callSid} from ${values.from} delivered to ${values.to}. See the patient on the Patients page.\n`);
} catch (error) {
  process.stderr.write(`Could not reach Clinicall at ${appUrl}: ${(error as Error).message}. Is npm start running?\n`);
  process.exit(1);
}
