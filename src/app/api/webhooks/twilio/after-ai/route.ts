import { afterAssistantParams, afterAssistantQuery } from "@/providers/twilio/callback-params";
import { vapiUnavailable } from "@/providers/twilio/twiml";
import { observed } from "@/server/http/observe-request";
import { bindCallToLogContext } from "@/server/log-context";
import { afterAssistant } from "@/server/transfers/after-assistant";
import { transferCallback } from "@/server/webhooks/transfer-callback";

export const dynamic = "force-dynamic";

/** The <Connect action> around the assistant's stream: see src/server/transfers/after-assistant.ts. */
export const POST = observed("/api/webhooks/twilio/after-ai", (req: Request) =>
  transferCallback(
    req,
    "twilio_after_ai",
    { query: afterAssistantQuery, form: afterAssistantParams },
    async (query, form) => {
      bindCallToLogContext({ callSid: form.CallSid, callId: query.call });
      const decided = await afterAssistant(query.call, form.CallSid);
      return decided.found ? decided.twiml : null;
    },
    () => vapiUnavailable(),
  ),
);
