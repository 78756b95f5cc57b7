/**
 * Why a call ended, in plain words, and what became of it. Used by the API (call details,
 * CSV) and by pages (tables, charts). `callOutcome` mirrors the SQL function
 * public.call_outcome (migration 20260107000000_call_analytics.sql), which every aggregate uses;
 * tests/call-logs/call-outcome.integration.test.ts checks that the two agree.
 */

export const callOutcomes = ["completed", "transferred", "missed", "failed", "in_progress"] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export const outcomeLabels: Record<CallOutcome, string> = {
  completed: "Completed",
  transferred: "Transferred",
  missed: "Missed",
  failed: "Failed",
  in_progress: "In progress",
};

export interface EndedReasonExplanation {
  /** The raw value as stored (Vapi's endedReason, or ours), null while the call is live. */
  code: string | null;
  /** A short label: "Caller hung up". */
  label: string;
  /** One sentence a receptionist understands. */
  description: string;
  outcome: CallOutcome;
}

type Known = { label: string; description: string };

/** The common values of Vapi's endedReason, plus the ones our pipeline writes. */
const known: Record<string, Known> = {
  "customer-ended-call": { label: "Caller hung up", description: "The caller ended the call." },
  "assistant-ended-call": { label: "Assistant ended the call", description: "The assistant finished the conversation and hung up." },
  "assistant-said-end-call-phrase": {
    label: "Assistant said goodbye",
    description: "The assistant said its closing phrase and ended the call.",
  },
  "assistant-ended-call-after-message-spoken": {
    label: "Assistant ended the call",
    description: "The assistant gave its final message and hung up.",
  },
  "assistant-ended-call-with-hangup-task": { label: "Assistant ended the call", description: "The assistant hung up as instructed." },
  "assistant-forwarded-call": {
    label: "Transferred to staff",
    description: "The assistant transferred the caller to a person at the clinic.",
  },
  "call.ringing.hook-executed-transfer": {
    label: "Transferred to staff",
    description: "The call was transferred to a person before the assistant answered.",
  },
  "call.ending.hook-executed-transfer": { label: "Transferred to staff", description: "The call was transferred to a person as it ended." },
  "customer-ended-call-during-transfer": {
    label: "Caller hung up during transfer",
    description: "The caller hung up while being transferred to a person.",
  },
  "customer-ended-call-after-warm-transfer-attempt": {
    label: "Caller hung up after transfer attempt",
    description: "A person could not be reached and the caller hung up.",
  },
  "call.forwarding.operator-busy": { label: "Transfer target busy", description: "The number the call was transferred to was busy." },
  "call.forwarding.no-answer": {
    label: "Transfer not answered",
    description: "Nobody answered at the number the call was transferred to.",
  },
  "silence-timed-out": { label: "Caller went silent", description: "The caller stopped talking, so the assistant ended the call." },
  "exceeded-max-duration": { label: "Reached the time limit", description: "The call reached the maximum length set for the assistant." },
  voicemail: { label: "Went to voicemail", description: "The call reached a voicemail instead of a person." },
  "customer-did-not-answer": { label: "No answer", description: "The call was not answered." },
  "customer-busy": { label: "Line busy", description: "The line was busy." },
  "manually-canceled": { label: "Cancelled", description: "The call was cancelled before it was answered." },
  "call.ringing.sip-inbound-caller-hungup-before-call-connect": {
    label: "Caller hung up while ringing",
    description: "The caller hung up before the assistant answered.",
  },
  "twilio-no-answer": {
    label: "Caller hung up while ringing",
    description: "The phone network reported that the call was never answered.",
  },
  "twilio-busy": { label: "Line busy", description: "The phone network reported the line as busy." },
  "twilio-canceled": { label: "Caller hung up while ringing", description: "The caller hung up before the call was connected." },
  "twilio-failed-to-connect-call": {
    label: "Phone network could not connect",
    description: "The phone network could not connect the call to the assistant.",
  },
  "twilio-reported-customer-misdialed": { label: "Misdialled", description: "The phone network reported that the caller misdialled." },
  "clinic-not-configured": {
    label: "Clinic not set up",
    description: "The receptionist is not set up yet (no active intents or assistant settings), so the caller heard a short message.",
  },
  "subscription-inactive": {
    label: "Subscription inactive",
    description: "The clinic's subscription was not active, so the caller heard a short message instead of the assistant.",
  },
  "assistant-request-failed": { label: "Assistant could not start", description: "The assistant could not be started for this call." },
  "assistant-request-returned-error": { label: "Assistant could not start", description: "Starting the assistant returned an error." },
  "assistant-not-found": { label: "Assistant not found", description: "The assistant for this call could not be found." },
  "assistant-not-valid": { label: "Assistant not valid", description: "The assistant's configuration was rejected." },
  "assistant-join-timed-out": { label: "Assistant did not join", description: "The assistant took too long to join the call." },
  "phone-call-provider-closed-websocket": { label: "Connection dropped", description: "The phone connection to the assistant dropped." },
  "phone-call-provider-bypass-enabled-but-no-call-received": {
    label: "Call never arrived",
    description: "The assistant was ready but the call never reached it.",
  },
  "worker-shutdown": { label: "Interrupted by the provider", description: "The voice provider restarted during the call." },
  "call.in-progress.twilio-completed-call": { label: "Phone network ended the call", description: "The phone network ended the call." },
};

const transferred = new Set([
  "assistant-forwarded-call",
  "call.ringing.hook-executed-transfer",
  "call.ending.hook-executed-transfer",
  "customer-ended-call-during-transfer",
  "customer-ended-call-after-warm-transfer-attempt",
  "call.forwarding.operator-busy",
  "call.forwarding.no-answer",
]);

const missed = new Set([
  "twilio-no-answer",
  "twilio-busy",
  "twilio-canceled",
  "customer-did-not-answer",
  "customer-busy",
  "clinic-not-configured",
  "subscription-inactive",
  "voicemail",
  "manually-canceled",
  "call.ringing.sip-inbound-caller-hungup-before-call-connect",
  "phone-call-provider-bypass-enabled-but-no-call-received",
  "customer-did-not-give-microphone-permission",
]);

const failedExact = new Set([
  "worker-shutdown",
  "assistant-join-timed-out",
  "phone-call-provider-closed-websocket",
  "vonage-disconnected",
  "vonage-rejected",
  "twilio-reported-customer-misdialed",
  "call-deleted",
  "scheduled-call-deleted",
]);
const failedPrefixes = [
  "pipeline-error",
  "call.in-progress.error",
  "call.start.error",
  "call-start-error",
  "assistant-request-",
  "assistant-not-",
];

const liveStatuses = new Set(["queued", "ringing", "in-progress", "forwarding"]);

/** The same classification as public.call_outcome(status, ended_reason). */
export function callOutcome(status: string, endedReason: string | null): CallOutcome {
  if (liveStatuses.has(status)) return "in_progress";
  if (status === "failed") return "failed";
  if (endedReason === null) return "completed";
  if (transferred.has(endedReason)) return "transferred";
  if (missed.has(endedReason)) return "missed";
  if (
    failedExact.has(endedReason) ||
    failedPrefixes.some((prefix) => endedReason.startsWith(prefix)) ||
    endedReason.includes("providerfault") ||
    endedReason.includes("failed")
  ) {
    return "failed";
  }
  return "completed";
}

/** Every reason with its own wording (tests compare each against the SQL function). */
export const knownEndedReasons = Object.keys(known);

export function explainEndedReason(status: string, endedReason: string | null): EndedReasonExplanation {
  const outcome = callOutcome(status, endedReason);
  const wording = endedReason ? known[endedReason] : undefined;
  if (wording) return { code: endedReason, ...wording, outcome };
  if (outcome === "in_progress") {
    return { code: endedReason, label: "In progress", description: "The call has not finished yet.", outcome };
  }
  if (!endedReason) {
    return status === "failed"
      ? {
          code: null,
          label: "Call failed",
          description: "The call could not be handed to the assistant; the caller heard a fallback message.",
          outcome,
        }
      : { code: null, label: "Call ended", description: "The call ended.", outcome };
  }
  return { code: endedReason, ...fallbackWording(endedReason, outcome), outcome };
}

function fallbackWording(code: string, outcome: CallOutcome): Known {
  if (code.startsWith("pipeline-error") || code.includes("providerfault")) {
    return { label: "Voice provider error", description: `A speech, language or voice service failed during the call (${code}).` };
  }
  const byOutcome: Record<CallOutcome, Known> = {
    completed: { label: "Call ended", description: `The call ended (${code}).` },
    transferred: { label: "Transferred to staff", description: `The call was handed to a person (${code}).` },
    missed: { label: "Missed", description: `The caller did not reach the assistant (${code}).` },
    failed: { label: "Technical problem", description: `The call ended because of a technical problem (${code}).` },
    in_progress: { label: "In progress", description: "The call has not finished yet." },
  };
  return byOutcome[outcome];
}
