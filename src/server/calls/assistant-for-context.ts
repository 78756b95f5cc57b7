import { getConfig } from "@/server/config";
import type { KnownCaller } from "@/server/patients/load-known-caller";
import type { DemoHours } from "@/server/transfers/inbound-route";
import { DEFAULT_VOICE_AGENT_ID, findVoiceAgent } from "@/server/voice-agents/catalogue";
import { type OpeningStatus, openingStatus } from "@/server/working-hours/opening-hours";
import { buildTransientAssistant, type TransientAssistant } from "./build-transient-assistant";
import type { CallContext } from "./load-call-context";

export type AssistantForContext =
  | { ok: true; assistant: TransientAssistant }
  | { ok: false; reason: "no_intents" | "no_settings" | "no_voice_agent"; message: string };

/**
 * The transient assistant a call to this clinic gets at `now`: the organisation's voice agent
 * (or the default), active intents, settings and hours. The incoming-call webhook and the
 * dashboard's preview share it, so the preview is exactly what the next call gets.
 */
export interface CallerFacts {
  /** The patient this number belongs to, when they are known to the clinic. */
  knownCaller: KnownCaller | null;
  /** The caller's E.164 number; null when withheld. */
  callerNumber: string | null;
  /** Demo mode's simulated calls: the assistant is told the clinic is open or closed whatever the clock says. */
  hours?: DemoHours;
}

export function assistantForContext(
  context: CallContext,
  callId: string,
  now: Date,
  caller: CallerFacts = { knownCaller: null, callerNumber: null },
): AssistantForContext {
  const voiceAgent = findVoiceAgent(context.organisation.selectedVoiceAgentId) ?? findVoiceAgent(DEFAULT_VOICE_AGENT_ID);
  if (!voiceAgent) return { ok: false, reason: "no_voice_agent", message: "The clinic has no voice agent." };
  if (!context.settings) return { ok: false, reason: "no_settings", message: "The clinic has no assistant settings." };
  if (context.intents.length === 0) {
    return { ok: false, reason: "no_intents", message: "The clinic has no active intents." };
  }
  const config = getConfig();
  const status = statusAsPlayed(openingStatus(context.hours, now), caller.hours);
  const { routing } = context;
  const assistant = buildTransientAssistant(voiceAgent, context.intents, context.settings, context.hours, now, {
    clinicName: context.organisation.name,
    status,
    calendarConnected: context.calendarConnected,
    knownCaller: caller.knownCaller,
    callerHasNumber: caller.callerNumber !== null,
    serverUrl: `${config.publicBaseUrl}/api/webhooks/vapi`,
    webhookSecret: config.vapi.webhookSecret ?? "",
    metadata: { organisation_id: context.organisation.id, phone_number_id: context.phoneNumberId, call_id: callId },
    transfer: {
      staff: status.open && routing.staff_destinations.length > 0,
      emergency: routing.emergency_transfer && routing.on_call_number !== null,
    },
  });
  return { ok: true, assistant };
}

/** The clinic's status, or the one a demo call is played with (closed: it opens next when it would have). */
function statusAsPlayed(status: OpeningStatus, hours: DemoHours | undefined): OpeningStatus {
  if (!hours || status.open === (hours === "open")) return status;
  return hours === "open" ? { ...status, open: true, closes_at: null } : { ...status, open: false, closes_at: null };
}
