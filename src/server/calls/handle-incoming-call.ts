import { setTimeout as sleep } from "node:timers/promises";
import { notConfigured, notRegistered, subscriptionInactive, VoiceResponse, vapiUnavailable } from "@/providers/twilio/twiml";
import { createVapiCall } from "@/providers/vapi/client";
import { decideBillingAccess } from "@/server/billing/billing-access";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countIncomingCall } from "@/server/metrics/count-incoming-call";
import { getMetrics } from "@/server/metrics/registry";
import { type KnownCaller, loadKnownCaller } from "@/server/patients/load-known-caller";
import { upsertPatient } from "@/server/patients/record-patient-contact";
import { type DemoHours, inboundRoute } from "@/server/transfers/inbound-route";
import { markDialing, startTransfer } from "@/server/transfers/transfer-rows";
import { dialTwiml, TRANSFER_PATHS, voicemailTwiml, webhookUrl, withConnectAction } from "@/server/transfers/transfer-twiml";
import { normaliseProviderNumber } from "@/shared/phone-number";
import { assistantForContext } from "./assistant-for-context";
import type { TransientAssistant } from "./build-transient-assistant";
import { type CallContext, loadCallContext } from "./load-call-context";
import { type CallHandOff, claimCall, linkCallToPatient, recordHandOff, storedTwiml } from "./record-call-start";

const REPLAY_POLL_MS = 100;

/** The call log's words for why billing stopped the assistant. */
const REFUSAL_REASONS: Partial<Record<string, string>> = {
  trial_over: "The clinic's free trial is over and it has no subscription.",
  past_due_grace_over: "The clinic's payment failed and the grace period is over.",
  unpaid: "The clinic's subscription is unpaid.",
  canceled: "The clinic's subscription is canceled.",
  incomplete_expired: "The clinic's subscription is incomplete_expired.",
  paused: "The clinic's subscription is paused.",
};

export interface IncomingCall {
  callSid: string;
  to: string;
  from: string;
  /** Demo mode only (a simulated call): route and brief the assistant as if the clinic were open or closed. */
  demoHours?: DemoHours;
}

/**
 * POST /api/webhooks/twilio after the signature is verified: find the clinic by the dialled
 * number, hand the call to Vapi with a transient assistant, and answer Twilio with TwiML.
 * Whatever fails, the caller hears something useful and the call row says why.
 * Idempotent: the same CallSid again replays the first answer without a second Vapi call.
 */
export async function handleIncomingCall(call: IncomingCall, now = new Date()): Promise<string> {
  const to = normaliseProviderNumber(call.to);
  // Withheld numbers arrive as "anonymous": kept as sent (printable, short) for the call log.
  const from = normaliseProviderNumber(call.from) ?? (call.from.replace(/[^\x20-\x7E]/g, "").slice(0, 32) || null);
  // One transaction finds the clinic and claims the CallSid: fewer round trips before the caller
  // hears anything. The Vapi request runs outside any transaction; the hand-off is recorded after.
  const started = to
    ? await asService(async (tx) => {
        const found = await loadCallContext(tx, to);
        if (!found) return null;
        const claimed = await claimCall(tx, {
          organisationId: found.organisation.id,
          phoneNumberId: found.phoneNumberId,
          twilioCallSid: call.callSid,
          fromNumber: from,
          toNumber: to,
        });
        // A clinic being erased keeps no new patient: the call is only logged, then refused.
        if (!claimed || found.erasurePending) return { context: found, callId: claimed, knownCaller: null };
        // The caller id makes (or finds) the clinic's patient; a withheld number is a new caller.
        const patient = await upsertPatient(tx, { organisationId: found.organisation.id, phoneNumber: from, at: now, isCall: true });
        let knownCaller: KnownCaller | null = null;
        if (patient) {
          await linkCallToPatient(tx, found.organisation.id, claimed, patient.id);
          if (!patient.created) knownCaller = await loadKnownCaller(tx, found.organisation.id, patient.id, now);
        }
        return { context: found, callId: claimed, knownCaller };
      })
    : null;
  if (!started) {
    log.info({ callSid: call.callSid, to: call.to }, "incoming call to a number no clinic has registered");
    countIncomingCall("not_registered");
    return notRegistered();
  }
  const { context, callId, knownCaller } = started;
  if (!callId) {
    countIncomingCall("replayed");
    return replayAnswer(call.callSid);
  }
  bindCallToLogContext({ callId });

  const finish = async (handOff: CallHandOff, fallbackReason?: string) => {
    await asService((tx) => recordHandOff(tx, context.organisation.id, callId, handOff));
    countIncomingCall(fallbackReason ? "fallback" : "answered", fallbackReason);
    return handOff.twiml;
  };
  const fallbackNumber = firstNumber(context);

  if (context.erasurePending) {
    return finish(
      {
        twiml: subscriptionInactive(fallbackNumber),
        status: "ended",
        endedReason: "clinic-not-configured",
        failureReason: "The clinic's data is scheduled for erasure; its assistant takes no calls meanwhile.",
      },
      "erasure_pending",
    );
  }
  const { billing } = getConfig();
  const access = decideBillingAccess({
    enabled: billing.enabled,
    now,
    organisationCreatedAt: context.organisationCreatedAt,
    trialDays: billing.trialDays,
    graceDays: billing.graceDays,
    subscription: context.subscription,
  });
  if (!access.serve) {
    return finish(
      {
        twiml: subscriptionInactive(fallbackNumber),
        status: "ended",
        endedReason: "subscription-inactive",
        failureReason: REFUSAL_REASONS[access.reason] ?? `The clinic's subscription is ${access.reason}.`,
      },
      "subscription_inactive",
    );
  }
  // Ring the team first, or after hours a voicemail or the on-call number: decided before Vapi.
  const demoHours = getConfig().demo ? call.demoHours : undefined;
  const route = inboundRoute(context.routing, context.hours, now, { hours: demoHours });
  const language = context.settings?.default_language === "ru" ? "ru" : "en";
  const base = getConfig().publicBaseUrl;
  if (route.kind === "voicemail") {
    await asService((tx) =>
      recordHandOff(tx, context.organisation.id, callId, {
        twiml: voicemailTwiml(base, "after_hours", language),
        status: "in-progress",
        endedReason: "after-hours-voicemail",
      }),
    );
    countIncomingCall("routed", "after_hours_voicemail");
    return voicemailTwiml(base, "after_hours", language);
  }
  if (route.kind === "ring_first" || route.kind === "forward") {
    const twiml = await asService(async (tx) => {
      const { row } = await startTransfer(tx, {
        organisationId: context.organisation.id,
        callId,
        kind: route.kind === "forward" ? "after_hours" : "ring_first",
        destinations: route.destinations,
      });
      await markDialing(tx, row);
      const dial = dialTwiml({ base, transferId: row.id, destinations: row.destinations, timeoutSeconds: route.seconds, callerId: to });
      await recordHandOff(tx, context.organisation.id, callId, { twiml: dial, status: "in-progress" });
      return dial;
    });
    countIncomingCall("routed", route.kind === "forward" ? "after_hours_forward" : "ring_first");
    return twiml;
  }
  const connected = await connectAssistant(context, callId, from, knownCaller, now, demoHours);
  return finish(connected.handOff, connected.fallbackReason);
}

/** The number a caller is put through to when the assistant cannot take the call: the first staff number, else on call. */
function firstNumber(context: CallContext): string | undefined {
  return context.routing.staff_destinations[0]?.number ?? context.routing.on_call_number ?? undefined;
}

/**
 * The assistant takes the call: builds it for the clinic, creates the Vapi call and wraps Vapi's
 * TwiML in a <Connect action> so the end of the assistant's stream comes back to us
 * (after-assistant.ts). Used at the incoming webhook and after an unanswered ring-staff-first.
 */
export async function connectAssistant(
  context: CallContext,
  callId: string,
  from: string | null,
  knownCaller: KnownCaller | null,
  now: Date,
  demoHours?: DemoHours,
): Promise<{ handOff: CallHandOff; fallbackReason?: string }> {
  const built = assistantForContext(context, callId, now, {
    knownCaller,
    callerNumber: from?.startsWith("+") ? from : null,
    hours: demoHours,
  });
  if (!built.ok) {
    return {
      handOff: { twiml: notConfigured(), status: "ended", endedReason: "clinic-not-configured", failureReason: built.message },
      fallbackReason: "clinic_not_configured",
    };
  }
  const handed = await handToVapi(context, callId, from, built.assistant);
  if (handed.fallbackReason) return handed;
  const action = webhookUrl(getConfig().publicBaseUrl, TRANSFER_PATHS.afterAssistant, { call: callId });
  return { handOff: { ...handed.handOff, twiml: withConnectAction(handed.handOff.twiml, action) } };
}

/**
 * Builds the assistant and creates the Vapi call: exactly one request, never retried. A fallback
 * says why in a short fixed word for /metrics.
 */
async function handToVapi(
  context: CallContext,
  callId: string,
  from: string | null,
  assistant: TransientAssistant,
): Promise<{ handOff: CallHandOff; fallbackReason?: string }> {
  const transfer = firstNumber(context);
  const config = getConfig();
  const phoneNumberId = context.vapiPhoneNumberId ?? config.vapi.phoneNumberId;
  const missing = !config.vapi.apiKey
    ? "VAPI_API_KEY is not set"
    : !config.vapi.webhookSecret
      ? "VAPI_WEBHOOK_SECRET is not set"
      : !phoneNumberId
        ? "No Vapi phone number id: set it on the number or VAPI_PHONE_NUMBER_ID"
        : null;
  if (missing) {
    log.error({ callId, organisationId: context.organisation.id }, `call not handed to Vapi: ${missing}`);
    return {
      handOff: { twiml: vapiUnavailable(transfer), status: "failed", failureReason: missing, assistantSnapshot: assistant },
      fallbackReason: "vapi_not_configured",
    };
  }
  const timeHandOff = getMetrics().vapiHandOffDuration.startTimer();
  const result = await createVapiCall({
    apiUrl: config.vapi.apiUrl,
    apiKey: config.vapi.apiKey!,
    timeoutMs: config.vapi.callTimeoutMs,
    body: {
      phoneCallProviderBypassEnabled: true,
      phoneNumberId: phoneNumberId!,
      // A withheld number ("anonymous") is not E.164: Vapi gets no customer number then.
      ...(from?.startsWith("+") ? { customer: { number: from } } : {}),
      assistant,
    },
  });
  timeHandOff({ result: result.ok ? "ok" : result.reason });
  if (!result.ok) {
    const reason = `Vapi ${result.reason}${result.status ? ` (HTTP ${result.status})` : ""}: ${result.detail}`;
    log.warn(
      { callId, organisationId: context.organisation.id, reason: result.reason, status: result.status },
      "Vapi did not take the call; caller gets the fallback",
    );
    return {
      handOff: { twiml: vapiUnavailable(transfer), status: "failed", failureReason: reason, assistantSnapshot: assistant },
      fallbackReason: `vapi_${result.reason}`,
    };
  }
  bindCallToLogContext({ vapiCallId: result.callId });
  return { handOff: { twiml: result.twiml, vapiCallId: result.callId, assistantSnapshot: assistant } };
}

/** Twilio retried a CallSid we are handling or have handled: answer what the first request answered. */
async function replayAnswer(callSid: string): Promise<string> {
  const deadline = Date.now() + getConfig().vapi.callTimeoutMs + 1000;
  while (Date.now() < deadline) {
    const stored = await asService((tx) => storedTwiml(tx, callSid));
    if (stored) return stored;
    await sleep(REPLAY_POLL_MS);
  }
  // The first request is still running: ask Twilio to come back for the answer.
  const response = new VoiceResponse();
  response.pause({ length: 1 });
  response.redirect({ method: "POST" }, "/api/webhooks/twilio");
  return response.toString();
}
