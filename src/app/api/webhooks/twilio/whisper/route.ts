import { whisperParams, whisperQuery } from "@/providers/twilio/callback-params";
import { observed } from "@/server/http/observe-request";
import { hangupTwiml } from "@/server/transfers/transfer-twiml";
import { whisperFor } from "@/server/transfers/whisper";
import { transferCallback } from "@/server/webhooks/transfer-callback";

export const dynamic = "force-dynamic";

/** A staff leg picked up: the whisper and "press 1" (src/server/transfers/whisper.ts). */
export const POST = observed("/api/webhooks/twilio/whisper", (req: Request) =>
  transferCallback(
    req,
    "twilio_whisper",
    { query: whisperQuery, form: whisperParams },
    (query, form) => whisperFor({ transferId: query.transfer, destinationIndex: query.d, parentCallSid: form.ParentCallSid }),
    hangupTwiml,
  ),
);
