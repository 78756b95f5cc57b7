import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { getConfig } from "@/server/config";
import { asUser, type Actor } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { simulatePhoneCall } from "./simulate-phone-call";

export const DemoCallInput = z.object({
  caller_says: z
    .array(z.string().trim().min(1, { message: "Say something." }).max(300))
    .min(1)
    .max(5)
    .default(["Hello, when are you open?"]),
  from: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, { message: "must be a phone number in E.164, like +447700900123" })
    .default("+15557654321"),
});

/**
 * Demo mode's "Place a test call": a simulated caller rings the clinic's first active number
 * and the whole pipeline runs (Twilio webhook → Vapi emulator → our Vapi webhook).
 */
export async function placeDemoCall(actor: Actor, input: z.infer<typeof DemoCallInput>) {
  const { organisationId } = actor;
  const config = getConfig();
  if (!config.demo) throw new DomainError("not_found", "Test calls are available in demo mode only.");
  const [number] = await asUser(actor, (tx) =>
    tx
      .select({ phoneNumber: phoneNumbers.phoneNumber })
      .from(phoneNumbers)
      .where(and(eq(phoneNumbers.organisationId, organisationId), eq(phoneNumbers.isActive, true)))
      .orderBy(asc(phoneNumbers.createdAt))
      .limit(1),
  );
  if (!number) throw new DomainError("conflict", "Add an active phone number first: the test call rings it.");
  const result = await simulatePhoneCall({
    appUrl: `http://127.0.0.1:${config.port}`,
    publicBaseUrl: config.publicBaseUrl,
    twilioAuthToken: config.twilio.authToken ?? "",
    to: number.phoneNumber,
    from: input.from,
    callerSays: input.caller_says,
  });
  if (!result.ok) {
    throw new DomainError("provider_unavailable", `The simulated call failed at the ${result.stage} (HTTP ${result.status}).`);
  }
  return result.connected
    ? { connected: true, call_sid: result.callSid, transcript: result.transcript, ended_reason: result.endedReason }
    : { connected: false, call_sid: result.callSid, transcript: null, ended_reason: null };
}
