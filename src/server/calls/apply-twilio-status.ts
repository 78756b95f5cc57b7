import { eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { type CallStatus, calls } from "@/server/db/schema";
import { advanceCallStatus } from "./advance-call-status";

const twilioToOurs: Record<string, CallStatus> = {
  queued: "queued",
  initiated: "queued",
  ringing: "ringing",
  "in-progress": "in-progress",
  completed: "ended",
  busy: "ended",
  "no-answer": "ended",
  canceled: "ended",
  failed: "failed",
};

/** Twilio's status callback: status and duration, forward only. Unknown CallSids are ignored. */
export async function applyTwilioStatus(callSid: string, twilioStatus: string, durationSeconds: number | null) {
  const status = twilioToOurs[twilioStatus];
  if (!status) return { applied: false as const, reason: `unknown CallStatus ${twilioStatus}` };
  const endedReason = status === "ended" && twilioStatus !== "completed" ? `twilio-${twilioStatus}` : null;
  const found = await asService((tx) => advanceCallStatus(tx, eq(calls.twilioCallSid, callSid), status, { endedReason, durationSeconds }));
  return found ? { applied: true as const } : { applied: false as const, reason: "no call with this CallSid" };
}
