import { eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { calls } from "@/server/db/schema";

/** The message a caller left when the assistant was unavailable (Twilio <Record> action). */
export async function recordVoicemail(callSid: string, recordingUrl: string): Promise<boolean> {
  const rows = await asService((tx) =>
    tx.update(calls).set({ voicemailUrl: recordingUrl }).where(eq(calls.twilioCallSid, callSid)).returning({ id: calls.id }),
  );
  return rows.length > 0;
}
