import { handleIncomingCall } from "@/server/calls/handle-incoming-call";
import { describeError, log } from "@/server/log";
import { twimlResponse, verifiedTwilioForm } from "@/server/webhooks/twilio-request";
import { vapiUnavailable } from "@/providers/twilio/twiml";

export const dynamic = "force-dynamic";

/** Twilio's voice webhook for every clinic number: see src/server/calls/handle-incoming-call.ts. */
export async function POST(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) return verified.response;
  const { CallSid: callSid = "", To: to = "", From: from = "" } = verified.params;
  // Twilio's call SIDs are "CA" + 32 hex digits; anything else did not come from a real call.
  if (!/^CA[0-9a-fA-F]{32}$/.test(callSid) || !to) return new Response("A CallSid and To are required", { status: 400 });
  try {
    return twimlResponse(await handleIncomingCall({ callSid, to, from }));
  } catch (error) {
    // The database or something unforeseen failed: the caller still hears an apology and can leave a message.
    log.error({ callSid, err: describeError(error) }, "incoming call failed");
    return twimlResponse(vapiUnavailable());
  }
}
