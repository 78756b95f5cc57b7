import { whisperParams, whisperQuery } from "@/providers/twilio/callback-params";
import { observed } from "@/server/http/observe-request";
import { hangupTwiml } from "@/server/transfers/transfer-twiml";
import { whisperAnswer } from "@/server/transfers/whisper";
import { transferCallback } from "@/server/webhooks/transfer-callback";

export const dynamic = "force-dynamic";

/** The key a staff member pressed after the whisper: 1 takes the call (src/server/transfers/whisper.ts). */
export const POST = observed("/api/webhooks/twilio/whisper-answer", (req: Request) =>
  transferCallback(
    req,
    "twilio_whisper",
    { query: whisperQuery, form: whisperParams },
    (query, form) =>
      whisperAnswer({ transferId: query.transfer, destinationIndex: query.d, parentCallSid: form.ParentCallSid }, form.Digits ?? ""),
    hangupTwiml,
  ),
);
