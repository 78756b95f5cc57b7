import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { getConfig } from "@/server/config";
import { type Actor, asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { normalisePhoneNumber } from "@/shared/phone-number";

export const TestCallInput = z.object({
  caller_says: z
    .array(z.string().trim().min(1, { message: "Say something." }).max(300))
    .min(1)
    .max(5)
    .default(["Hello, when are you open?"]),
  from: z
    .string()
    .max(40)
    .transform((value, ctx) => {
      const e164 = normalisePhoneNumber(value);
      if (!e164) {
        ctx.addIssue({ code: "custom", message: "must be a phone number with its country code, like +447700900123" });
        return z.NEVER;
      }
      return e164;
    })
    .default("+15557654321"),
});

/** What the demo control endpoint answers (src/server/demo/simulate-phone-call.ts, TestCallResult). */
type SimulatedCall =
  | { ok: true; connected: true; callSid: string; transcript: string; endedReason: string }
  | { ok: true; connected: false; callSid: string }
  | { ok: false; stage: string; status: number };

/** The simulated call takes a whole conversation through the emulated assistant. */
const TEST_CALL_TIMEOUT_MS = 90_000;

/**
 * Demo mode's "Place a test call": a simulated caller rings the clinic's first active number
 * and the whole pipeline runs (Twilio webhook → Vapi emulator → our Vapi webhook). The caller
 * is simulated outside the app, by the demo control endpoint scripts/start.ts runs next to the
 * emulators (DEMO_CONTROL_URL, src/server/demo/demo-control-server.ts): the app only asks it.
 */
export async function placeTestCall(actor: Actor, input: z.infer<typeof TestCallInput>) {
  const { organisationId } = actor;
  const config = getConfig();
  if (!config.demo || !config.demoControl) throw new DomainError("not_found", "Test calls are available in demo mode only.");
  const [number] = await asUser(actor, (tx) =>
    tx
      .select({ phoneNumber: phoneNumbers.phoneNumber })
      .from(phoneNumbers)
      .where(and(eq(phoneNumbers.organisationId, organisationId), eq(phoneNumbers.isActive, true)))
      .orderBy(asc(phoneNumbers.createdAt))
      .limit(1),
  );
  if (!number) throw new DomainError("conflict", "Add an active phone number first: the test call rings it.");
  const response = await fetch(`${config.demoControl.url}/test-calls`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${config.demoControl.token}` },
    body: JSON.stringify({ to: number.phoneNumber, from: input.from, caller_says: input.caller_says }),
    signal: AbortSignal.timeout(TEST_CALL_TIMEOUT_MS),
  });
  if (!response.ok) throw new DomainError("provider_unavailable", `The demo services could not place the call (HTTP ${response.status}).`);
  const result = (await response.json()) as SimulatedCall;
  if (!result.ok) {
    throw new DomainError("provider_unavailable", `The simulated call failed at the ${result.stage} (HTTP ${result.status}).`);
  }
  return result.connected
    ? { connected: true, call_sid: result.callSid, transcript: result.transcript, ended_reason: result.endedReason }
    : { connected: false, call_sid: result.callSid, transcript: null, ended_reason: null };
}
