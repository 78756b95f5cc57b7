import { z } from "zod";
import { ToolError, type ToolHandler } from "@/server/calls/tools/tool-handler";
import { asService } from "@/server/db/access";
import type { TransferDestination } from "@/server/db/schema";
import { enqueue } from "@/server/jobs/enqueue";
import { callOfOrganisation } from "./call-for-transfer";
import { startTransfer } from "./transfer-rows";

const Args = z.object({
  reason: z.string().trim().max(2000).optional(),
  summary: z.string().trim().max(4000).optional(),
  emergency: z.boolean().optional(),
});

/** How long the assistant has to say "connecting you" before the job moves the call. */
const TRANSFER_DELAY_MS = 1500;

/**
 * `transfer_to_staff {reason, summary, emergency?}` (decision 019): answers at once (the assistant
 * tells the caller it is connecting them), records the transfer and enqueues `calls.transfer`,
 * which moves the live Twilio call to the ring group a moment later. An emergency goes to the
 * on-call number when the clinic asked for that. A retried tool call finds the transfer in
 * flight and enqueues nothing new.
 */
export const transferToStaffTool: ToolHandler = async (args, context) => {
  const parsed = Args.safeParse(args);
  if (!parsed.success) throw new ToolError("Say in a few words why the caller wants a person, then try again.");
  const { reason, summary, emergency } = parsed.data;
  if (!context.callId) throw new ToolError("This call cannot be transferred; offer to take a message.");
  const callId = context.callId;
  return asService(async (tx) => {
    const call = await callOfOrganisation(tx, context.organisationId, callId);
    if (!call?.twilioCallSid) throw new ToolError("This call cannot be transferred; offer to take a message.");
    const { routing } = call;
    const toOnCall = Boolean(emergency && routing.emergency_transfer && routing.on_call_number);
    const destinations: TransferDestination[] = toOnCall
      ? [{ name: "On call", number: routing.on_call_number! }]
      : routing.staff_destinations.map(({ name, number }) => ({ name, number }));
    if (destinations.length === 0) throw new ToolError("Nobody is available to take the call; offer to take a message instead.");
    const { row, created } = await startTransfer(tx, {
      organisationId: call.organisationId,
      callId: call.callId,
      kind: toOnCall ? "emergency" : "assistant",
      reason: reason || null,
      summary: summary || null,
      destinations,
    });
    if (created) {
      await enqueue(
        tx,
        "calls.transfer",
        { organisationId: call.organisationId, transferId: row.id },
        { key: row.id, startAfter: new Date(Date.now() + TRANSFER_DELAY_MS) },
      );
    }
    return "Connecting the caller to the clinic's team now. Tell them you are putting them through, then stop speaking.";
  });
};
