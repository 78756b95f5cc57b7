import type { MessageKey } from "@/i18n/keys";

/**
 * Why a call ended, in plain words, and what became of it. Used by the API (call details,
 * CSV) and by pages (tables, charts). `callOutcome` mirrors the SQL function
 * public.call_outcome (migration 20260107000000_call_analytics.sql), which every aggregate uses;
 * tests/call-logs/call-outcome.integration.test.ts checks that the two agree.
 */

export const callOutcomes = ["completed", "transferred", "missed", "failed", "in_progress"] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export interface EndedReasonExplanation {
  /** The raw value as stored (Vapi's endedReason, or ours), null while the call is live. */
  code: string | null;
  /** A short label: "Caller hung up". */
  label: string;
  /** One sentence a receptionist understands. */
  description: string;
  outcome: CallOutcome;
}

/** A message catalogue lookup: next-intl's `t` on a page, src/server/i18n/translator.ts on the server. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface Wording {
  label: MessageKey;
  description: MessageKey;
}

/** The common values of Vapi's endedReason, plus the ones our pipeline writes: their words' catalogue keys. */
const known: Record<string, Wording> = {
  "customer-ended-call": { label: "endedReasons.customerEndedCall.label", description: "endedReasons.customerEndedCall.description" },
  "assistant-ended-call": { label: "endedReasons.assistantEndedCall.label", description: "endedReasons.assistantEndedCall.description" },
  "assistant-said-end-call-phrase": {
    label: "endedReasons.assistantSaidEndCallPhrase.label",
    description: "endedReasons.assistantSaidEndCallPhrase.description",
  },
  "assistant-ended-call-after-message-spoken": {
    label: "endedReasons.assistantEndedCallAfterMessageSpoken.label",
    description: "endedReasons.assistantEndedCallAfterMessageSpoken.description",
  },
  "assistant-ended-call-with-hangup-task": {
    label: "endedReasons.assistantEndedCallWithHangupTask.label",
    description: "endedReasons.assistantEndedCallWithHangupTask.description",
  },
  "assistant-forwarded-call": {
    label: "endedReasons.assistantForwardedCall.label",
    description: "endedReasons.assistantForwardedCall.description",
  },
  "call.ringing.hook-executed-transfer": {
    label: "endedReasons.callRingingHookExecutedTransfer.label",
    description: "endedReasons.callRingingHookExecutedTransfer.description",
  },
  "call.ending.hook-executed-transfer": {
    label: "endedReasons.callEndingHookExecutedTransfer.label",
    description: "endedReasons.callEndingHookExecutedTransfer.description",
  },
  "customer-ended-call-during-transfer": {
    label: "endedReasons.customerEndedCallDuringTransfer.label",
    description: "endedReasons.customerEndedCallDuringTransfer.description",
  },
  "customer-ended-call-after-warm-transfer-attempt": {
    label: "endedReasons.customerEndedCallAfterWarmTransferAttempt.label",
    description: "endedReasons.customerEndedCallAfterWarmTransferAttempt.description",
  },
  "call.forwarding.operator-busy": {
    label: "endedReasons.callForwardingOperatorBusy.label",
    description: "endedReasons.callForwardingOperatorBusy.description",
  },
  "call.forwarding.no-answer": {
    label: "endedReasons.callForwardingNoAnswer.label",
    description: "endedReasons.callForwardingNoAnswer.description",
  },
  "silence-timed-out": { label: "endedReasons.silenceTimedOut.label", description: "endedReasons.silenceTimedOut.description" },
  "exceeded-max-duration": { label: "endedReasons.exceededMaxDuration.label", description: "endedReasons.exceededMaxDuration.description" },
  voicemail: { label: "endedReasons.voicemail.label", description: "endedReasons.voicemail.description" },
  "customer-did-not-answer": {
    label: "endedReasons.customerDidNotAnswer.label",
    description: "endedReasons.customerDidNotAnswer.description",
  },
  "customer-busy": { label: "endedReasons.customerBusy.label", description: "endedReasons.customerBusy.description" },
  "manually-canceled": { label: "endedReasons.manuallyCanceled.label", description: "endedReasons.manuallyCanceled.description" },
  "call.ringing.sip-inbound-caller-hungup-before-call-connect": {
    label: "endedReasons.callRingingSipInboundCallerHungupBeforeCallConnect.label",
    description: "endedReasons.callRingingSipInboundCallerHungupBeforeCallConnect.description",
  },
  "twilio-no-answer": { label: "endedReasons.twilioNoAnswer.label", description: "endedReasons.twilioNoAnswer.description" },
  "twilio-busy": { label: "endedReasons.twilioBusy.label", description: "endedReasons.twilioBusy.description" },
  "twilio-canceled": { label: "endedReasons.twilioCanceled.label", description: "endedReasons.twilioCanceled.description" },
  "twilio-failed-to-connect-call": {
    label: "endedReasons.twilioFailedToConnectCall.label",
    description: "endedReasons.twilioFailedToConnectCall.description",
  },
  "twilio-reported-customer-misdialed": {
    label: "endedReasons.twilioReportedCustomerMisdialed.label",
    description: "endedReasons.twilioReportedCustomerMisdialed.description",
  },
  "clinic-not-configured": { label: "endedReasons.clinicNotConfigured.label", description: "endedReasons.clinicNotConfigured.description" },
  "after-hours-voicemail": {
    label: "endedReasons.afterHoursVoicemail.label",
    description: "endedReasons.afterHoursVoicemail.description",
  },
  "subscription-inactive": {
    label: "endedReasons.subscriptionInactive.label",
    description: "endedReasons.subscriptionInactive.description",
  },
  "assistant-request-failed": {
    label: "endedReasons.assistantRequestFailed.label",
    description: "endedReasons.assistantRequestFailed.description",
  },
  "assistant-request-returned-error": {
    label: "endedReasons.assistantRequestReturnedError.label",
    description: "endedReasons.assistantRequestReturnedError.description",
  },
  "assistant-not-found": { label: "endedReasons.assistantNotFound.label", description: "endedReasons.assistantNotFound.description" },
  "assistant-not-valid": { label: "endedReasons.assistantNotValid.label", description: "endedReasons.assistantNotValid.description" },
  "assistant-join-timed-out": {
    label: "endedReasons.assistantJoinTimedOut.label",
    description: "endedReasons.assistantJoinTimedOut.description",
  },
  "phone-call-provider-closed-websocket": {
    label: "endedReasons.phoneCallProviderClosedWebsocket.label",
    description: "endedReasons.phoneCallProviderClosedWebsocket.description",
  },
  "phone-call-provider-bypass-enabled-but-no-call-received": {
    label: "endedReasons.phoneCallProviderBypassEnabledButNoCallReceived.label",
    description: "endedReasons.phoneCallProviderBypassEnabledButNoCallReceived.description",
  },
  "worker-shutdown": { label: "endedReasons.workerShutdown.label", description: "endedReasons.workerShutdown.description" },
  "call.in-progress.twilio-completed-call": {
    label: "endedReasons.callInProgressTwilioCompletedCall.label",
    description: "endedReasons.callInProgressTwilioCompletedCall.description",
  },
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

/** Why the call ended, in the words of `t`'s language. */
export function explainEndedReason(status: string, endedReason: string | null, t: Translate): EndedReasonExplanation {
  const outcome = callOutcome(status, endedReason);
  const wording = wordingOf(status, endedReason, outcome);
  const values = { code: endedReason ?? "" };
  return { code: endedReason, label: t(wording.label, values), description: t(wording.description, values), outcome };
}

function wordingOf(status: string, endedReason: string | null, outcome: CallOutcome): Wording {
  const wording = endedReason ? known[endedReason] : undefined;
  if (wording) return wording;
  if (outcome === "in_progress") return { label: "endedReasons.inProgress.label", description: "endedReasons.inProgress.description" };
  if (!endedReason) {
    return status === "failed"
      ? { label: "endedReasons.callFailed.label", description: "endedReasons.callFailed.description" }
      : { label: "endedReasons.callEnded.label", description: "endedReasons.callEnded.description" };
  }
  if (endedReason.startsWith("pipeline-error") || endedReason.includes("providerfault")) {
    return { label: "endedReasons.providerError.label", description: "endedReasons.providerError.description" };
  }
  const byOutcome: Record<Exclude<CallOutcome, "in_progress">, Wording> = {
    completed: { label: "endedReasons.otherCompleted.label", description: "endedReasons.otherCompleted.description" },
    transferred: { label: "endedReasons.otherTransferred.label", description: "endedReasons.otherTransferred.description" },
    missed: { label: "endedReasons.otherMissed.label", description: "endedReasons.otherMissed.description" },
    failed: { label: "endedReasons.otherFailed.label", description: "endedReasons.otherFailed.description" },
  };
  return byOutcome[outcome];
}
