import type { TwimlElement } from "./twiml-check";

/** What the Twilio emulator remembers (in memory; tests and demo mode only). */

export type EmulatedCallStatus = "queued" | "ringing" | "in-progress" | "completed" | "busy" | "failed" | "no-answer" | "canceled";

/** One accepted `calls(sid).update`: the new instructions the live call follows. */
export interface CallUpdate {
  at: Date;
  twiml?: string;
  /** The parsed <Response>, when `twiml` was given. */
  document?: TwimlElement;
  url?: string;
  method?: "GET" | "POST";
  status?: "completed" | "canceled";
}

export interface EmulatedTwilioCall {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  direction: "inbound" | "outbound-api" | "outbound-dial";
  status: EmulatedCallStatus;
  parentCallSid: string | null;
  dateCreated: Date;
  startTime: Date | null;
  endTime: Date | null;
  updates: CallUpdate[];
}

export interface TwilioEmulatorState {
  calls: EmulatedTwilioCall[];
  /** Every REST request the emulator received (method, path, status answered), for assertions. */
  requests: { method: string; path: string; status: number }[];
}
