import { loadOrganisationCallContext } from "@/server/calls/load-call-context";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { log } from "@/server/log";
import { openingStatus } from "@/server/working-hours/opening-hours";
import { callForTransfer } from "./call-for-transfer";
import { activeTransfer, markDialing, startTransfer } from "./transfer-rows";
import { dialTwiml, hangupTwiml, voicemailTwiml } from "./transfer-twiml";

/**
 * Vapi's reasons for a call that ended as it should (the caller or the assistant hung up, the
 * call ran its course). Anything else, or no reason yet, means the assistant's stream broke.
 */
const NORMAL_ENDINGS = new Set([
  "customer-ended-call",
  "assistant-ended-call",
  "assistant-said-end-call-phrase",
  "assistant-ended-call-after-message-spoken",
  "assistant-ended-call-with-hangup-task",
  "assistant-forwarded-call",
  "exceeded-max-duration",
  "silence-timed-out",
  "voicemail",
]);

export type AfterAssistant = { found: false } | { found: true; twiml: string; decision: "transfer" | "voicemail" | "hangup" };

/**
 * POST /api/webhooks/twilio/after-ai (the <Connect action> around Vapi's stream): the one
 * server-side decision when the assistant's leg ends. A transfer in flight is dialled here (the
 * job's calls.update and this action can race: both go through the transfer row); a call that
 * ended normally hangs up; a stream that broke (Vapi failed mid-call) puts the caller through to
 * the team when the clinic is open and has staff numbers, else records a voicemail.
 * Idempotent: a retried action gets the same decision.
 */
export async function afterAssistant(callId: string, callSid: string, now = new Date()): Promise<AfterAssistant> {
  const base = getConfig().publicBaseUrl;
  return asService(async (tx) => {
    const call = await callForTransfer(tx, callId, callSid);
    if (!call) return { found: false };
    const active = await activeTransfer(tx, call.organisationId, call.callId);
    if (active) {
      await markDialing(tx, active);
      const twiml = dialTwiml({
        base,
        transferId: active.id,
        destinations: active.destinations,
        timeoutSeconds: call.routing.ring_timeout_seconds,
        callerId: call.toNumber,
      });
      return { found: true, twiml, decision: "transfer" };
    }
    if (call.endedReason && NORMAL_ENDINGS.has(call.endedReason)) return { found: true, twiml: hangupTwiml(), decision: "hangup" };
    log.warn({ callId, endedReason: call.endedReason }, "the assistant's stream ended unexpectedly: the caller gets the fallback");
    const context = await loadOrganisationCallContext(tx, call.organisationId);
    const open = context ? openingStatus(context.hours, now).open : false;
    const staff = call.routing.staff_destinations;
    if (open && staff.length > 0) {
      const { row } = await startTransfer(tx, {
        organisationId: call.organisationId,
        callId: call.callId,
        kind: "fallback",
        reason: "The phone assistant was cut off",
        destinations: staff.map(({ name, number }) => ({ name, number })),
      });
      await markDialing(tx, row);
      const twiml = dialTwiml({
        base,
        transferId: row.id,
        destinations: row.destinations,
        timeoutSeconds: call.routing.ring_timeout_seconds,
        callerId: call.toNumber,
        announce: call.language,
      });
      return { found: true, twiml, decision: "transfer" };
    }
    return { found: true, twiml: voicemailTwiml(base, "assistant_failed", call.language), decision: "voicemail" };
  });
}
