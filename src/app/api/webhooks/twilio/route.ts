import { cleanText, TEXT_LIMITS } from "@/providers/provider-values";
import { vapiUnavailable } from "@/providers/twilio/twiml";
import { handleIncomingCall } from "@/server/calls/handle-incoming-call";
import { observed } from "@/server/http/observe-request";
import { describeError, log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countIncomingCall } from "@/server/metrics/count-incoming-call";
import { twimlResponse, verifiedTwilioForm } from "@/server/webhooks/twilio-request";

export const dynamic = "force-dynamic";

/** Twilio's voice webhook for every clinic number: see src/server/calls/handle-incoming-call.ts. */
export const POST = observed("/api/webhooks/twilio", receiveCall);

async function receiveCall(req: Request) {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countIncomingCall("refused", "signature");
    return verified.response;
  }
  const callSid = verified.params.CallSid ?? "";
  const to = cleanText(verified.params.To ?? "", TEXT_LIMITS.word);
  const from = cleanText(verified.params.From ?? "", TEXT_LIMITS.word);
  // Twilio's call SIDs are "CA" + 32 hex digits; anything else did not come from a real call.
  if (!/^CA[0-9a-fA-F]{32}$/.test(callSid) || !to) {
    countIncomingCall("invalid");
    return new Response("A CallSid and To are required", { status: 400 });
  }
  bindCallToLogContext({ callSid });
  try {
    // `npm run simulate:call -- --staff ...` plays the call as if the clinic were open, `--after-hours`
    // as if closed (signed like every parameter; honoured in demo mode only).
    const hours = verified.params.ClinicallDemoHours;
    const demoHours = hours === "open" || hours === "closed" ? hours : undefined;
    return twimlResponse(await handleIncomingCall({ callSid, to, from, demoHours }));
  } catch (error) {
    // The database or something unforeseen failed: the caller still hears an apology and can leave a message.
    log.error({ callSid, err: describeError(error) }, "incoming call failed");
    countIncomingCall("fallback", "error");
    return twimlResponse(vapiUnavailable());
  }
}
