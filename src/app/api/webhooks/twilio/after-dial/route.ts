import { afterDialParams, transferQuery } from "@/providers/twilio/callback-params";
import { vapiUnavailable } from "@/providers/twilio/twiml";
import { observed } from "@/server/http/observe-request";
import { bindCallToLogContext } from "@/server/log-context";
import { afterDial } from "@/server/transfers/after-dial";
import { connectAssistantAfterRingFirst } from "@/server/transfers/ring-first";
import { transferCallback } from "@/server/webhooks/transfer-callback";

export const dynamic = "force-dynamic";

/** The ring group's <Dial action>: see src/server/transfers/after-dial.ts. */
export const POST = observed("/api/webhooks/twilio/after-dial", (req: Request) =>
  transferCallback(
    req,
    "twilio_after_dial",
    { query: transferQuery, form: afterDialParams },
    async (query, form) => {
      bindCallToLogContext({ callSid: form.CallSid });
      const decided = await afterDial({
        transferId: query.transfer,
        callSid: form.CallSid,
        dialCallStatus: form.DialCallStatus,
        dialCallDuration: form.DialCallDuration,
      });
      if (!decided.found) return null;
      if (decided.connectAssistant) return connectAssistantAfterRingFirst(form.CallSid);
      return decided.twiml;
    },
    () => vapiUnavailable(),
  ),
);
