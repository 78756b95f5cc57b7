// npm run simulate:call -- [--url http://127.0.0.1:3000] --to +15551230000 [--from +15557654321] --say "Can I book a cleaning tomorrow at 10?" [--say ...]
//   [--staff answer|decline|no-answer] [--after-hours]
// --staff: how the simulated staff phones behave when the call is put through (answer and press 1,
// decline at the whisper, or not answer; default no-answer). --after-hours: the server routes the
// call as if the clinic were closed (demo mode only).
// Places a simulated call against a running Clinicall (demo mode by default): a Twilio webhook
// signed as Twilio signs it, then the conversation through the Vapi emulator. Without --url it
// goes where `npm start` said it listens (DATA_DIR/demo-server.json), else to PORT (3000).
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { DEMO_ACCOUNT } from "../src/server/demo/demo-credentials";
import { loadDemoSecrets } from "../src/server/demo/demo-secrets";
import { readDemoServerAddress } from "../src/server/demo/demo-server-address";
import { simulatePhoneCall } from "../src/server/demo/simulate-phone-call";

nextEnv.loadEnvConfig(process.cwd());
const { values } = parseArgs({
  options: {
    to: { type: "string", default: DEMO_ACCOUNT.phoneNumber },
    from: { type: "string", default: "+15557654321" },
    say: { type: "string", multiple: true },
    url: { type: "string" },
    staff: { type: "string", default: "no-answer" },
    "after-hours": { type: "boolean", default: false },
  },
});
if (!["answer", "decline", "no-answer"].includes(values.staff!)) {
  process.stderr.write(`--staff must be answer, decline or no-answer (got ${values.staff})\n`);
  process.exit(2);
}
const dataDir = process.env.DATA_DIR || ".data";
const running = readDemoServerAddress(dataDir);
const port = process.env.PORT ?? "3000";
const fromEnv = process.env.PUBLIC_BASE_URL || process.env.NEXT_PUBLIC_APP_URL;
// The signature covers the server's PUBLIC_BASE_URL: as configured, as the running server wrote
// it, or (no proxy in between) the URL the call is sent to.
const publicBaseUrl = (fromEnv ?? running?.publicBaseUrl ?? values.url ?? `http://localhost:${port}`).replace(/\/+$/, "");
const appUrl = (values.url ?? running?.appUrl ?? publicBaseUrl).replace(/\/+$/, "");
const say = values.say?.length ? values.say : ["Hello, when are you open?"];

try {
  const result = await simulatePhoneCall({
    appUrl,
    publicBaseUrl,
    // In demo mode the app signs with the token generated into DATA_DIR (demo-secrets.ts).
    twilioAuthToken: process.env.TWILIO_AUTH_TOKEN || loadDemoSecrets(dataDir).twilioAuthToken,
    to: values.to!,
    from: values.from!,
    callerSays: say,
    twilio: running?.twilio,
    staff: values.staff as "answer" | "decline" | "no-answer",
    afterHours: values["after-hours"],
  });
  if (!result.ok) {
    process.stderr.write(`The call failed at the ${result.stage} (HTTP ${result.status}): ${result.detail}\n`);
    if (result.signedUrl && result.status === 403) {
      process.stderr.write(
        `The simulator signed ${result.signedUrl} and sent it to ${appUrl}. The server checks the signature against its own PUBLIC_BASE_URL + /api/webhooks/twilio: give this command the same PUBLIC_BASE_URL as the server (or --url with the server's address when it has none), and the same DATA_DIR (the token is in ${dataDir}/demo-secrets.json).\n`,
      );
    }
    process.exit(1);
  }
  const afterwards = result.afterwards.length ? `\n${result.afterwards.join("\n")}\n` : "";
  if (!result.connected) {
    process.stdout.write(`Call ${result.callSid} was answered without the assistant:\n${result.twiml}\n${afterwards}`);
    process.exit(0);
  }
  process.stdout.write(
    `Call ${result.callSid} ended (${result.endedReason}).\n\n${result.transcript}\n${afterwards}\nIt is in the dashboard's call log now.\n`,
  );
} catch (error) {
  process.stderr.write(`Could not reach Clinicall at ${appUrl}: ${(error as Error).message}. Is npm start running?\n`);
  process.exit(1);
}
