/** State and knobs of the Vapi emulator. Tests assert against this state, not against mocks. */

export type EmulatorBehaviour =
  /** Validate, create, answer 201 with TwiML. */
  | { kind: "normal" }
  /** Wait `delayMs` before answering (normally); the call is still created, as Vapi would. */
  | { kind: "slow"; delayMs: number }
  /** Answer 500 with Vapi's error shape; no call is created. */
  | { kind: "fail" }
  /** Answer 200 with an HTML page (`not-json`) or a JSON call without `phoneCallProviderDetails` (`no-twiml`). */
  | { kind: "garbage"; variant?: "not-json" | "no-twiml" }
  /** Answer 401 whatever the key. */
  | { kind: "unauthorized" };

type EmulatedCallStatus = "queued" | "ringing" | "in-progress" | "ended";

export interface EmulatedCall {
  id: string;
  orgId: string;
  createdAt: string;
  status: EmulatedCallStatus;
  phoneNumberId?: string;
  customerNumber?: string;
  /** The `assistant` of the create-call body, as received. */
  assistant?: Record<string, unknown>;
  /** The whole create-call body, as received. */
  body: Record<string, unknown>;
  twiml: string;
  endedReason?: string;
  /** The call's timeline once it ended, for its recording (as long as the call). */
  recording?: { seconds: number; turns: RecordedTurn[] };
}

/** Who spoke from when to when, in seconds from the start of the call. */
export interface RecordedTurn {
  speaker: "bot" | "user";
  from: number;
  to: number;
}

/** One message the emulator POSTed to an assistant's `server.url`, and what came back. */
export interface WebhookDelivery {
  callId: string;
  type: string;
  url: string;
  /** The JSON body sent (`{ message: {...} }`). */
  sent: Record<string, unknown>;
  /** HTTP status, or 0 when no answer arrived (connection refused, timeout). */
  status: number;
  /** The parsed JSON answer, the raw text when it is not JSON, or the network error. */
  response: unknown;
}

export interface VapiEmulatorState {
  /** Every `POST /call` received, accepted or not: a client that retries shows up here. */
  createCallRequests: number;
  /** Every call created (the kept ones and any forgotten under `keepCalls`). */
  callsCreated: number;
  calls: EmulatedCall[];
  deliveries: WebhookDelivery[];
  /** Every `DELETE /call/:id` received (the ids), answered or failed. */
  deleteCallRequests: string[];
  /** The calls a DELETE really removed. */
  deletedCallIds: string[];
}
