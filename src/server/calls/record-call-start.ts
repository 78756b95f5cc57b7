import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { type CallStatus, calls } from "@/server/db/schema";

export interface CallStart {
  organisationId: string;
  phoneNumberId: string;
  twilioCallSid: string;
  fromNumber: string | null;
  toNumber: string;
}

/**
 * Service path. Claims the call row for a Twilio CallSid: returns the new row's id, or null when
 * a row for this CallSid exists already (Twilio retried): the caller then replays its TwiML.
 */
export async function claimCall(tx: Db, start: CallStart): Promise<string | null> {
  const [row] = await tx
    .insert(calls)
    .values({
      organisationId: start.organisationId,
      phoneNumberId: start.phoneNumberId,
      twilioCallSid: start.twilioCallSid,
      fromNumber: start.fromNumber,
      toNumber: start.toNumber,
      status: "ringing",
    })
    .onConflictDoNothing({ target: calls.twilioCallSid })
    .returning({ id: calls.id });
  return row?.id ?? null;
}

export interface CallHandOff {
  status?: CallStatus;
  vapiCallId?: string | null;
  twiml: string;
  assistantSnapshot?: unknown;
  failureReason?: string | null;
  endedReason?: string | null;
}

/** Service path. What happened when the call was handed to Vapi (or why it was not). */
export async function recordHandOff(tx: Db, organisationId: string, callId: string, handOff: CallHandOff): Promise<void> {
  await tx
    .update(calls)
    .set({
      twiml: handOff.twiml,
      ...(handOff.vapiCallId !== undefined && { vapiCallId: handOff.vapiCallId }),
      ...(handOff.assistantSnapshot !== undefined && { assistantSnapshot: handOff.assistantSnapshot }),
      ...(handOff.failureReason !== undefined && { failureReason: handOff.failureReason }),
      ...(handOff.endedReason !== undefined && { endedReason: handOff.endedReason }),
      ...(handOff.status && {
        status: sql`case when public.call_status_rank(${calls.status}) < public.call_status_rank(${handOff.status}) then ${handOff.status} else ${calls.status} end`,
      }),
    })
    .where(and(eq(calls.id, callId), eq(calls.organisationId, organisationId)));
}

/** Service path. The TwiML already answered for this CallSid, if the first attempt has finished. */
export async function storedTwiml(tx: Db, twilioCallSid: string): Promise<string | null> {
  const [row] = await tx.select({ twiml: calls.twiml }).from(calls).where(eq(calls.twilioCallSid, twilioCallSid));
  return row?.twiml ?? null;
}

/** Service path. The call's patient (found or made from the caller id). */
export async function linkCallToPatient(tx: Db, organisationId: string, callId: string, patientId: string): Promise<void> {
  await tx
    .update(calls)
    .set({ patientId })
    .where(and(eq(calls.id, callId), eq(calls.organisationId, organisationId)));
}
