import { z } from "zod";
import { redactionOn } from "@/server/calls/record-end-of-call-report";
import { ToolError, type ToolHandler } from "@/server/calls/tools/tool-handler";
import { asService } from "@/server/db/access";
import { redactText } from "@/server/privacy/redact";
import { normalisePhoneNumber } from "@/shared/phone-number";
import { createMessage } from "../create-message";

const Args = z.object({
  reason: z.string().trim().min(1).max(2000),
  caller_name: z.string().trim().max(200).optional(),
  callback_number: z.string().trim().max(40).optional(),
  summary: z.string().trim().max(4000).optional(),
  urgent: z.boolean().optional(),
});

/**
 * `take_message {reason, caller_name?, callback_number?, summary?, urgent?}`: puts a message in the
 * clinic's inbox (Messages page) from the call. The call and the caller's number come from the
 * call; a spoken callback number replaces the caller id only when it is a valid number. A retried
 * tool call (same Vapi tool-call id) keeps the first message.
 */
export const takeMessageTool: ToolHandler = async (args, context) => {
  const parsed = Args.safeParse(args);
  if (!parsed.success) throw new ToolError("I need at least the reason for the message.");
  const { reason, caller_name: callerName, callback_number: spoken, summary, urgent } = parsed.data;
  const callerNumber = (spoken && normalisePhoneNumber(spoken)) || context.callerNumber;
  await asService(async (tx) => {
    // The clinic's redaction applies to what the message stores too (the callback number stays).
    const redact = await redactionOn(tx, context.organisationId);
    const clean = (text: string) => (redact ? redactText(text).text : text);
    return createMessage(tx, {
      organisationId: context.organisationId,
      kind: "message",
      sourceKey: `tool:${context.toolCallId}`,
      callId: context.callId,
      callerNumber,
      callerName: callerName || null,
      reason: clean(reason),
      summary: summary ? clean(summary) : null,
      urgency: urgent ? "urgent" : "normal",
    });
  });
  return "Message saved for the clinic's team; they will call back.";
};
