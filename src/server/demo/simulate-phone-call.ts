import { type CallEvent, playCall, type StaffBehaviour } from "@/providers/twilio/call-player";
import type { DemoHours } from "@/server/transfers/inbound-route";

export interface TestCallInput {
  /** Where the app listens, e.g. http://127.0.0.1:3000. */
  appUrl: string;
  /** PUBLIC_BASE_URL: what the Twilio signature covers. */
  publicBaseUrl: string;
  twilioAuthToken: string;
  to: string;
  from: string;
  callerSays: string[];
  /** The Twilio REST emulator the app uses (demo mode): the call follows the server's live updates. */
  twilio?: { url: string; accountSid: string };
  /** How the simulated staff phones behave when the call is put through (default no-answer). */
  staff?: StaffBehaviour;
  /** Demo mode only: the server plays the call as if the clinic were open or closed, whatever the clock says. */
  hours?: DemoHours;
  /** How long to wait for the server to move the call to the staff phones (default 15 s). */
  transferWaitMs?: number;
}

export type TestCallResult =
  | {
      ok: true;
      connected: true;
      callSid: string;
      transcript: string;
      endedReason: string;
      toolResults: { name: string; result?: unknown; error?: string }[];
      /** The assistant's function tools on this call (transfer_to_staff only when someone can be rung). */
      offeredTools: string[];
      /** What happened once the assistant was done: the team rung, who answered, a voicemail. */
      afterwards: string[];
      events: CallEvent[];
    }
  | { ok: true; connected: false; callSid: string; twiml: string; afterwards: string[]; events: CallEvent[] }
  | { ok: false; stage: "twilio-webhook" | "media-stream"; status: number; detail: string; signedUrl?: string };

/**
 * A simulated phone call, end to end, against the running app (call-player.ts): the Twilio
 * webhook signed as Twilio signs it; when the answer connects the call to Vapi (a <Stream>), the
 * caller's words go down that stream and the (emulated) assistant holds the conversation, which
 * reports back through our Vapi webhook; then whatever the server does with the call next
 * (a transfer to the simulated staff phones, a voicemail) is played too. Demo mode and
 * `npm run simulate:call` use it.
 */
export async function simulatePhoneCall(input: TestCallInput): Promise<TestCallResult> {
  const played = await playCall({
    appUrl: input.appUrl,
    publicBaseUrl: input.publicBaseUrl,
    authToken: input.twilioAuthToken,
    twilio: input.twilio,
    to: input.to,
    from: input.from,
    callerSays: input.callerSays,
    staff: input.staff ?? "no-answer",
    incomingParams: input.hours ? { ClinicallDemoHours: input.hours } : undefined,
    transferWaitMs: input.transferWaitMs,
  });
  const first = played.events.find((event) => event.type === "request");
  if (played.failed && first && first.type === "request" && first.status !== 200) {
    const detail =
      played.failed.status === 403
        ? `the server refused the Twilio signature, which was made for ${played.failed.url} (the server checks PUBLIC_BASE_URL + the path)`
        : played.failed.body.slice(0, 300);
    return { ok: false, stage: "twilio-webhook", status: played.failed.status, detail, signedUrl: played.failed.url };
  }
  const stream = played.events.find((event) => event.type === "stream");
  const afterwards = describe(played.events);
  if (stream?.type !== "stream") {
    return { ok: true, connected: false, callSid: played.callSid, twiml: played.firstTwiml, afterwards, events: played.events };
  }
  if (stream.result.status !== 200) return { ok: false, stage: "media-stream", status: stream.result.status, detail: "the stream failed" };
  return {
    ok: true,
    connected: true,
    callSid: played.callSid,
    transcript: stream.result.transcript ?? "",
    endedReason: stream.result.endedReason ?? "",
    toolResults: stream.result.toolResults ?? [],
    offeredTools: stream.result.offeredTools ?? [],
    afterwards,
    events: played.events,
  };
}

/** One line per thing that happened after the assistant (or instead of it). */
function describe(events: CallEvent[]): string[] {
  const lines: string[] = [];
  const streamAt = events.findIndex((event) => event.type === "stream");
  for (const event of events.slice(streamAt + 1)) {
    if (event.type === "say") lines.push(`Caller hears: ${event.text}`);
    if (event.type === "whisper") lines.push(`${event.number} hears the whisper and ${event.accepted ? "presses 1" : "declines"}`);
    if (event.type === "dial") {
      lines.push(
        event.answeredBy
          ? `Rang ${event.numbers.join(", ")}: ${event.answeredBy} took the call`
          : `Rang ${event.numbers.join(", ")}: nobody took the call (${event.status})`,
      );
    }
    if (event.type === "record") lines.push(`Caller left a ${event.seconds}-second voicemail`);
  }
  return lines;
}
