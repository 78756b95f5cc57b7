import { and, eq } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { callTransfers, type TransferFallback } from "@/server/db/schema";
import { createMessage } from "@/server/messages/create-message";
import { type CallForTransfer, callForTransfer } from "./call-for-transfer";
import type { CallTransferRow } from "./transfer-rows";
import { callbackTakenTwiml, hangupTwiml, voicemailTwiml } from "./transfer-twiml";

export interface DialOutcome {
  transferId: string;
  callSid: string;
  /** Twilio's DialCallStatus: completed, answered, busy, no-answer, failed, canceled. */
  dialCallStatus: string;
  dialCallDuration?: number;
}

export type AfterDial =
  | { found: false }
  | { found: true; twiml: string; answered: boolean; fallback: TransferFallback | null; connectAssistant?: boolean };

/**
 * POST /api/webhooks/twilio/after-dial (the <Dial action>): the ring group's result. Answered
 * means Twilio bridged a leg (`completed`) *and* a staff member pressed 1 in the whisper; anything
 * else is not answered, whatever Twilio calls it (a declined whisper, a busy line, nobody). Then
 * the clinic's setting decides: a voicemail, or a callback message filed in the inbox; the
 * ring-staff-first plan hands the caller to the assistant instead.
 * Idempotent: a retried callback finds the transfer decided and answers the same.
 */
export async function afterDial(outcome: DialOutcome, now = new Date()): Promise<AfterDial> {
  return asService(async (tx) => {
    const [transfer] = await tx.select().from(callTransfers).where(eq(callTransfers.id, outcome.transferId));
    if (!transfer) return { found: false };
    const call = await callForTransfer(tx, transfer.callId, outcome.callSid);
    if (!call || call.organisationId !== transfer.organisationId) return { found: false };
    if (transfer.status === "answered") return { found: true, twiml: hangupTwiml(), answered: true, fallback: null };
    if (transfer.status === "no_answer" || transfer.status === "failed") {
      return { found: true, ...notAnsweredTwiml(call, transfer, transfer.fallback ?? fallbackFor(call, transfer)) };
    }
    const answered =
      (outcome.dialCallStatus === "completed" || outcome.dialCallStatus === "answered") && transfer.answeredByNumber !== null;
    if (answered) {
      await tx
        .update(callTransfers)
        .set({
          status: "answered",
          dialCallStatus: outcome.dialCallStatus,
          durationSeconds: outcome.dialCallDuration ?? null,
          endedAt: now,
        })
        .where(and(eq(callTransfers.id, transfer.id), eq(callTransfers.organisationId, transfer.organisationId)));
      return { found: true, twiml: hangupTwiml(), answered: true, fallback: null };
    }
    const fallback = fallbackFor(call, transfer);
    await tx
      .update(callTransfers)
      .set({
        status: outcome.dialCallStatus === "failed" ? "failed" : "no_answer",
        dialCallStatus: outcome.dialCallStatus,
        durationSeconds: 0,
        fallback,
        endedAt: now,
      })
      .where(and(eq(callTransfers.id, transfer.id), eq(callTransfers.organisationId, transfer.organisationId)));
    if (fallback === "callback") {
      await createMessage(tx, {
        organisationId: call.organisationId,
        kind: "callback",
        sourceKey: `transfer:${transfer.id}`,
        callId: call.callId,
        callerNumber: call.fromNumber,
        reason: transfer.reason ?? "Asked to speak to someone at the clinic",
        summary: transfer.summary,
        urgency: transfer.kind === "emergency" ? "urgent" : "normal",
      });
    }
    return { found: true, ...notAnsweredTwiml(call, transfer, fallback) };
  });
}

function fallbackFor(call: CallForTransfer, transfer: CallTransferRow): TransferFallback {
  if (transfer.kind === "ring_first") return "assistant";
  return call.routing.no_answer === "callback" ? "callback" : "voicemail";
}

function notAnsweredTwiml(
  call: CallForTransfer,
  transfer: CallTransferRow,
  fallback: TransferFallback,
): { twiml: string; answered: false; fallback: TransferFallback; connectAssistant?: boolean } {
  const base = getConfig().publicBaseUrl;
  switch (fallback) {
    case "assistant":
      // The caller (handleRingFirstFallback) hands the call to the assistant.
      return { twiml: hangupTwiml(), answered: false, fallback, connectAssistant: true };
    case "callback":
      return { twiml: callbackTakenTwiml(call.language), answered: false, fallback };
    case "hangup":
      return { twiml: hangupTwiml(), answered: false, fallback };
    default:
      return {
        twiml: voicemailTwiml(base, transfer.kind === "after_hours" ? "after_hours" : "no_answer", call.language, transfer.id),
        answered: false,
        fallback,
      };
  }
}
