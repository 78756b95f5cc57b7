import { eq } from "drizzle-orm";
import { vapiUnavailable } from "@/providers/twilio/twiml";
import { connectAssistant } from "@/server/calls/handle-incoming-call";
import { loadCallContext } from "@/server/calls/load-call-context";
import { recordHandOff } from "@/server/calls/record-call-start";
import { asService } from "@/server/db/access";
import { calls } from "@/server/db/schema";
import { countIncomingCall } from "@/server/metrics/count-incoming-call";

/**
 * Nobody in the ring group took a ring-staff-first call: the assistant takes it now (the Vapi
 * call is created only here, so a call staff answered never costs an assistant). A retried
 * after-dial replays the TwiML the first one answered instead of creating a second Vapi call.
 */
export async function connectAssistantAfterRingFirst(callSid: string, now = new Date()): Promise<string> {
  const loaded = await asService(async (tx) => {
    const [call] = await tx
      .select({
        id: calls.id,
        organisationId: calls.organisationId,
        toNumber: calls.toNumber,
        fromNumber: calls.fromNumber,
        vapiCallId: calls.vapiCallId,
        twiml: calls.twiml,
      })
      .from(calls)
      .where(eq(calls.twilioCallSid, callSid));
    if (!call?.toNumber) return null;
    const context = await loadCallContext(tx, call.toNumber);
    return context && context.organisation.id === call.organisationId ? { call, context } : null;
  });
  if (!loaded) return vapiUnavailable();
  const { call, context } = loaded;
  if (call.vapiCallId && call.twiml) return call.twiml;
  const connected = await connectAssistant(context, call.id, call.fromNumber, null, now);
  await asService((tx) => recordHandOff(tx, call.organisationId, call.id, connected.handOff));
  countIncomingCall(connected.fallbackReason ? "fallback" : "answered", connected.fallbackReason);
  return connected.handOff.twiml;
}
