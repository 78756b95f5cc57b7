import { parseArgs } from "node:util";
import type { CallEvent, StaffBehaviour } from "@/providers/twilio/call-player";
import type { DemoHours } from "@/server/transfers/inbound-route";
import { DEMO_ACCOUNT } from "./demo-credentials";
import { loadDemoSecrets } from "./demo-secrets";
import { readDemoServerAddress } from "./demo-server-address";
import { simulatePhoneCall, type TestCallResult } from "./simulate-phone-call";

/**
 * `npm run simulate:call` (scripts/simulate-call.ts is only its shell): reads the flags, finds the
 * running demo server, plays the call (simulate-phone-call.ts) and says what happened in words a
 * clinic manager follows, including why a transfer could not be shown. Tests run it as the CLI does.
 *
 * --staff answer|decline|no-answer plays the call during opening hours, whatever the clock says
 * (transfers are offered only while the clinic is open), with the staff phones behaving so;
 * --after-hours plays it as if the clinic were closed (its after-hours mode decides). With either
 * and no --say, the caller asks for a person.
 */

const STAFF_BEHAVIOURS: readonly StaffBehaviour[] = ["answer", "decline", "no-answer"];
const ASKS_FOR_PERSON = "I need to speak to a person, please.";
const DEFAULT_LINE = "Hello, when are you open?";

export interface SimulateCallEnvironment {
  /** DATA_DIR: where npm start wrote demo-server.json and the demo secrets. */
  dataDir: string;
  port?: string;
  /** PUBLIC_BASE_URL (or NEXT_PUBLIC_APP_URL) when set. */
  publicBaseUrl?: string;
  /** TWILIO_AUTH_TOKEN when set (else the demo's own, from DATA_DIR). */
  twilioAuthToken?: string;
  /** How long to wait for the server to move the call to the staff phones (default 15 s). */
  transferWaitMs?: number;
}

export interface SimulateCallOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface Flags {
  url?: string;
  to: string;
  from: string;
  say: string[];
  /** Given on the command line (undefined: not asked for). */
  staff?: StaffBehaviour;
  afterHours: boolean;
}

export async function runSimulateCall(args: string[], env: SimulateCallEnvironment): Promise<SimulateCallOutcome> {
  const parsed = parseFlags(args);
  if (typeof parsed === "string") return { exitCode: 2, stdout: "", stderr: `${parsed}\n` };
  const flags = parsed;
  const running = readDemoServerAddress(env.dataDir);
  // The signature covers the server's PUBLIC_BASE_URL: as configured, as the running server wrote
  // it, or (no proxy in between) the URL the call is sent to.
  const publicBaseUrl = (env.publicBaseUrl ?? running?.publicBaseUrl ?? flags.url ?? `http://localhost:${env.port ?? "3000"}`).replace(
    /\/+$/,
    "",
  );
  const appUrl = (flags.url ?? running?.appUrl ?? publicBaseUrl).replace(/\/+$/, "");
  const hours: DemoHours | undefined = flags.afterHours ? "closed" : flags.staff ? "open" : undefined;
  const staff = flags.staff ?? "no-answer";
  const out: string[] = [];
  if (hours === "open") out.push(`Playing the call during opening hours (--staff ${staff}): ${STAFF_WORDS[staff]}.`);
  if (hours === "closed") {
    out.push(`Playing the call after hours (--after-hours)${flags.staff ? `; any phone rung ${STAFF_WORDS[staff]}` : ""}.`);
  }
  if (hours && !running?.twilio) {
    out.push("(No running demo server found in this DATA_DIR: a transfer's ringing cannot be followed. Start it with npm start.)");
  }

  let result: TestCallResult;
  try {
    result = await simulatePhoneCall({
      appUrl,
      publicBaseUrl,
      // In demo mode the app signs with the token generated into DATA_DIR (demo-secrets.ts).
      twilioAuthToken: env.twilioAuthToken || loadDemoSecrets(env.dataDir).twilioAuthToken,
      to: flags.to,
      from: flags.from,
      callerSays: flags.say,
      twilio: running?.twilio,
      staff,
      hours,
      transferWaitMs: env.transferWaitMs,
    });
  } catch (error) {
    return {
      exitCode: 1,
      stdout: lines(out),
      stderr: `Could not reach Clinicall at ${appUrl}: ${(error as Error).message}. Is npm start running?\n`,
    };
  }
  if (!result.ok) {
    let stderr = `The call failed at the ${result.stage} (HTTP ${result.status}): ${result.detail}\n`;
    if (result.signedUrl && result.status === 403) {
      stderr += `The simulator signed ${result.signedUrl} and sent it to ${appUrl}. The server checks the signature against its own PUBLIC_BASE_URL + /api/webhooks/twilio: give this command the same PUBLIC_BASE_URL as the server (or --url with the server's address when it has none), and the same DATA_DIR (the token is in ${env.dataDir}/demo-secrets.json).\n`;
    }
    return { exitCode: 1, stdout: lines(out), stderr };
  }

  const events = result.events;
  const dial = events.find((event) => event.type === "dial");
  if (!result.connected) {
    out.push(`Call ${result.callSid} was answered without the assistant:`, result.twiml);
    if (hours === "closed") out.push("", afterHoursMode(result.twiml));
  } else {
    out.push(`Call ${result.callSid} ended (${result.endedReason}).`, "", result.transcript);
    if (hours === "closed")
      out.push("", "After hours this clinic's assistant answers (Assistant page → Call routing → After hours: assistant).");
  }
  if (result.afterwards.length) out.push("", ...result.afterwards);

  // Why nothing was rung, when a transfer was asked for and none happened.
  let exitCode = 0;
  const notes: string[] = [];
  if (result.connected && flags.staff && !dial) {
    const offered = result.offeredTools.includes("transfer_to_staff");
    const transferred = result.toolResults.some((tool) => tool.name === "transfer_to_staff" && tool.error === undefined);
    if (hours === "open" && !offered) {
      exitCode = 1;
      notes.push(
        "No staff phone was rung: the clinic has no staff numbers to put callers through to, so the assistant could only take a message. Add them on the Assistant page (Call routing → Staff numbers), then call again.",
      );
    } else if (offered && !transferred) {
      notes.push(`Nobody asked for a person, so no staff phone was rung: add --say "${ASKS_FOR_PERSON}".`);
    } else if (transferred) {
      exitCode = 1;
      notes.push(
        "The assistant put the caller through, but no staff phone was rung: the server's log says why (the calls.transfer job, the after-ai callback).",
      );
    }
  }
  const messageLeft =
    events.some((event) => event.type === "record") ||
    (result.connected && result.toolResults.some((tool) => tool.name === "take_message" && tool.error === undefined)) ||
    (dial?.type === "dial" && !dial.answeredBy && saidAfter(events, dial));
  const seen = [
    dial ? "the Calls page shows the call with its transfer leg" : "the Calls page shows the call",
    ...(messageLeft ? ["the Messages page has the caller's message"] : []),
  ];
  out.push("", `In the dashboard: ${seen.join("; ")}.`);
  return { exitCode, stdout: lines(out), stderr: notes.length ? lines(notes) : "" };
}

const STAFF_WORDS: Record<StaffBehaviour, string> = {
  answer: "a staff phone answers, hears the whisper and presses 1",
  decline: "the staff phones answer and decline at the whisper",
  "no-answer": "nobody answers the staff phones",
};

function parseFlags(args: string[]): Flags | string {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        to: { type: "string", default: DEMO_ACCOUNT.phoneNumber },
        from: { type: "string", default: "+15557654321" },
        say: { type: "string", multiple: true },
        url: { type: "string" },
        staff: { type: "string" },
        "after-hours": { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    return (error as Error).message;
  }
  const staff = values.staff as string | undefined;
  if (staff !== undefined && !STAFF_BEHAVIOURS.includes(staff as StaffBehaviour)) {
    return `--staff must be answer, decline or no-answer (got ${staff})`;
  }
  const afterHours = values["after-hours"] === true;
  const said = (values.say as string[] | undefined) ?? [];
  return {
    url: values.url as string | undefined,
    to: values.to as string,
    from: values.from as string,
    say: said.length ? said : [staff || afterHours ? ASKS_FOR_PERSON : DEFAULT_LINE],
    staff: staff as StaffBehaviour | undefined,
    afterHours,
  };
}

/** What the first answer of an after-hours call says about the clinic's after-hours mode. */
function afterHoursMode(twiml: string): string {
  if (/<Record\b/.test(twiml)) return "After hours this clinic takes a voicemail (Assistant page → Call routing → After hours: voicemail).";
  if (/<Dial\b/.test(twiml)) {
    return "After hours this clinic forwards calls to its on-call number (Assistant page → Call routing → After hours: forward).";
  }
  return "After hours the clinic did not hand the call to its assistant.";
}

/** The caller heard something after an unanswered ring (the callback message), rather than only a hang-up. */
function saidAfter(events: CallEvent[], dial: CallEvent): boolean {
  return events.slice(events.indexOf(dial) + 1).some((event) => event.type === "say");
}

function lines(text: string[]): string {
  return text.length ? `${text.join("\n")}\n` : "";
}
