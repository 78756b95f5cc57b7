import { and, eq, inArray, isNull } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { callTransfers } from "@/server/db/schema";
import { callForTransfer } from "./call-for-transfer";
import { bridgeTwiml, hangupTwiml, whisperTwiml } from "./transfer-twiml";

export interface WhisperLeg {
  transferId: string;
  destinationIndex: number;
  /** The caller's CallSid (Twilio's ParentCallSid on the staff leg's requests). */
  parentCallSid: string;
}

/**
 * POST /api/webhooks/twilio/whisper (each <Number url>): what a staff member hears when they pick
 * up, before the caller is put through. A transfer that is over, or another leg already took,
 * hangs this leg up. Null for a transfer or leg that does not exist (or not for that call).
 */
export async function whisperFor(leg: WhisperLeg): Promise<string | null> {
  return asService(async (tx) => {
    const [transfer] = await tx.select().from(callTransfers).where(eq(callTransfers.id, leg.transferId));
    if (!transfer?.destinations[leg.destinationIndex]) return null;
    const call = await callForTransfer(tx, transfer.callId, leg.parentCallSid);
    if (!call || call.organisationId !== transfer.organisationId) return null;
    if (transfer.status !== "dialing" && transfer.status !== "requested") return hangupTwiml();
    if (transfer.answeredByNumber) return hangupTwiml();
    return whisperTwiml({
      base: getConfig().publicBaseUrl,
      transferId: transfer.id,
      destinationIndex: leg.destinationIndex,
      clinicName: call.clinicName,
      reason: transfer.reason,
      summary: transfer.summary,
      emergency: transfer.kind === "emergency",
      language: call.language,
    });
  });
}

/**
 * POST /api/webhooks/twilio/whisper-answer (the whisper's <Gather action>): "1" takes the call
 * (the first leg to press it; it is recorded as who answered) and bridges; anything else hangs
 * this leg up and the others keep ringing. Null for an unknown transfer or leg.
 */
export async function whisperAnswer(leg: WhisperLeg, digits: string): Promise<string | null> {
  return asService(async (tx) => {
    const [transfer] = await tx.select().from(callTransfers).where(eq(callTransfers.id, leg.transferId));
    const destination = transfer?.destinations[leg.destinationIndex];
    if (!transfer || !destination) return null;
    const call = await callForTransfer(tx, transfer.callId, leg.parentCallSid);
    if (!call || call.organisationId !== transfer.organisationId) return null;
    if (digits !== "1") return hangupTwiml();
    const taken = await tx
      .update(callTransfers)
      .set({ answeredByName: destination.name.slice(0, 100), answeredByNumber: destination.number })
      .where(
        and(
          eq(callTransfers.id, transfer.id),
          eq(callTransfers.organisationId, transfer.organisationId),
          inArray(callTransfers.status, ["requested", "dialing"]),
          isNull(callTransfers.answeredByNumber),
        ),
      )
      .returning({ id: callTransfers.id });
    return taken.length === 1 ? bridgeTwiml() : hangupTwiml();
  });
}
