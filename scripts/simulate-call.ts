// npm run simulate:call -- [--url http://127.0.0.1:3000] [--to +15551230000] [--from +15557654321] [--say "Can I book a cleaning tomorrow at 10?" ...]
//   [--staff answer|decline|no-answer] [--after-hours]
// Places a simulated call against a running Clinicall (demo mode by default): a Twilio webhook
// signed as Twilio signs it, then the conversation through the Vapi emulator. Without --url it
// goes where `npm start` said it listens (DATA_DIR/demo-server.json), else to PORT (3000).
// --staff: the call is played during opening hours and the simulated staff phones answer and press
// 1, decline at the whisper, or do not answer. --after-hours: played as if the clinic were closed.
// With either and no --say, the caller asks for a person. See src/server/demo/simulate-call-command.ts.
import nextEnv from "@next/env";
import { runSimulateCall } from "../src/server/demo/simulate-call-command";

nextEnv.loadEnvConfig(process.cwd());
const outcome = await runSimulateCall(process.argv.slice(2), {
  dataDir: process.env.DATA_DIR || ".data",
  port: process.env.PORT,
  publicBaseUrl: process.env.PUBLIC_BASE_URL || process.env.NEXT_PUBLIC_APP_URL || undefined,
  twilioAuthToken: process.env.TWILIO_AUTH_TOKEN || undefined,
});
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exit(outcome.exitCode);
