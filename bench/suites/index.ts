// Every suite `npm run bench` runs, in report order. Add a suite: write bench/suites/<name>.ts
// exporting a Suite (see ./types.ts) and list it here.
import { calendarSlotsSuite } from "./calendar-slots";
import { callLogsSuite } from "./call-logs";
import { callsRlsSuite } from "./calls-rls";
import { callsRlsAlternativesSuite } from "./calls-rls-alternatives";
import { loginFloodSuite } from "./login-flood";
import { mixedLoadSuite } from "./mixed-load";
import { twilioWebhookSuite } from "./twilio-webhook";
import type { Suite } from "./types";

export const suites: Suite[] = [
  callsRlsSuite,
  callsRlsAlternativesSuite,
  callLogsSuite,
  twilioWebhookSuite,
  mixedLoadSuite,
  loginFloodSuite,
  calendarSlotsSuite,
];
