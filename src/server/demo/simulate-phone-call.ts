import { simulateIncomingCall } from "@/providers/twilio/simulator";

export interface TestCallInput {
  /** Where the app listens, e.g. http://127.0.0.1:3000. */
  appUrl: string;
  /** PUBLIC_BASE_URL: what the Twilio signature covers. */
  publicBaseUrl: string;
  twilioAuthToken: string;
  to: string;
  from: string;
  callerSays: string[];
}

export type TestCallResult =
  | { ok: true; connected: true; callSid: string; transcript: string; endedReason: string; toolResults: unknown[] }
  | { ok: true; connected: false; callSid: string; twiml: string }
  | { ok: false; stage: "twilio-webhook" | "media-stream"; status: number; detail: string; signedUrl?: string };

/**
 * A simulated phone call, end to end, against the running app: the Twilio webhook signed as
 * Twilio signs it, then, when the answer connects the call to Vapi (a <Stream>), the caller's
 * words go down that stream and the (emulated) assistant holds the conversation, which reports
 * back through our Vapi webhook. Demo mode and `npm run simulate:call` use it.
 */
export async function simulatePhoneCall(input: TestCallInput): Promise<TestCallResult> {
  const answer = await simulateIncomingCall({
    baseUrl: input.appUrl,
    signedBaseUrl: input.publicBaseUrl,
    authToken: input.twilioAuthToken,
    to: input.to,
    from: input.from,
  });
  if (answer.status !== 200) {
    const detail =
      answer.status === 403
        ? `the server refused the Twilio signature, which was made for ${answer.signedUrl} (the server checks PUBLIC_BASE_URL + the path)`
        : answer.body.slice(0, 300);
    return { ok: false, stage: "twilio-webhook", status: answer.status, detail, signedUrl: answer.signedUrl };
  }
  const stream = /<Stream url="([^"]+)"/.exec(answer.body)?.[1];
  if (!stream) return { ok: true, connected: false, callSid: answer.callSid, twiml: answer.body };
  const response = await fetch(stream.replace(/^ws/, "http"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ callerSays: input.callerSays }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) return { ok: false, stage: "media-stream", status: response.status, detail: text.slice(0, 300) };
  const result = JSON.parse(text) as { transcript: string; endedReason: string; toolResults: unknown[] };
  return {
    ok: true,
    connected: true,
    callSid: answer.callSid,
    transcript: result.transcript,
    endedReason: result.endedReason,
    toolResults: result.toolResults,
  };
}
