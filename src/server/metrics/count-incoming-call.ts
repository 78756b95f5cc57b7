import { getMetrics } from "./registry";

export type IncomingCallOutcome = "answered" | "routed" | "fallback" | "replayed" | "not_registered" | "refused" | "invalid";

/**
 * Counts one Twilio voice webhook by what the caller got. A fallback's reason is a short fixed
 * word (subscription_inactive, clinic_not_configured, vapi_not_configured, vapi_timeout,
 * vapi_http_error, vapi_network, vapi_invalid_response, error), never free text. `routed` calls went
 * elsewhere before the assistant (ring_first, after_hours_voicemail, after_hours_forward).
 */
export function countIncomingCall(outcome: IncomingCallOutcome, reason = ""): void {
  getMetrics().incomingCalls.inc({ outcome, reason });
}
