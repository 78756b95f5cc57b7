import { toolCallResponse, type VapiMessage } from "@/providers/vapi/webhook-schemas";
import { recordCallUsage } from "@/server/billing/record-call-usage";
import { asService } from "@/server/db/access";
import type { CallStatus } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { advanceCallStatus, vapiCallMatch } from "./advance-call-status";
import { dispatchToolCalls } from "./dispatch-tool-calls";
import { recordEndOfCallReport } from "./record-end-of-call-report";

const vapiToOurs: Partial<Record<string, CallStatus>> = {
  scheduled: "queued",
  queued: "queued",
  ringing: "ringing",
  "in-progress": "in-progress",
  forwarding: "forwarding",
  ended: "ended",
};

/**
 * One verified Vapi server message. Returns the JSON body to answer with (always HTTP 200):
 * tool results for `tool-calls`, `{ok: true}` otherwise. Every handler is idempotent.
 */
export async function handleVapiMessage(message: VapiMessage): Promise<unknown> {
  switch (message.type) {
    case "status-update": {
      const status = vapiToOurs[message.status];
      if (!status) return { ok: true };
      const found = await asService((tx) =>
        advanceCallStatus(tx, vapiCallMatch(message.callId, message.metadata), status, {
          endedReason: message.endedReason ?? null,
        }),
      );
      if (!found) log.info({ vapiCallId: message.callId }, "status-update for an unknown call");
      return { ok: true };
    }
    case "end-of-call-report": {
      // The report and the call's billable minutes commit together (the usage ledger is unique per call).
      const outcome = await asService(async (tx) => {
        const recorded = await recordEndOfCallReport(tx, message.callId, message.report, message.metadata);
        if (recorded !== "unknown_call") await recordCallUsage(tx, message.callId);
        return recorded;
      });
      if (outcome === "unknown_call") {
        log.warn({ vapiCallId: message.callId }, "end-of-call-report for an unknown call without usable metadata: not stored");
      }
      return { ok: true };
    }
    case "tool-calls":
      try {
        return toolCallResponse(await dispatchToolCalls(message.callId, message.toolCalls, message.metadata));
      } catch (error) {
        // Still a 200 with an answer per tool: the assistant must be able to say something.
        log.error({ vapiCallId: message.callId, err: describeError(error) }, "tool calls failed");
        const unavailable = "The clinic's system is unavailable right now; offer to take a message.";
        return toolCallResponse(message.toolCalls.map((t) => ({ toolCallId: t.id, name: t.name, error: unavailable })));
      }
    case "hang":
      log.warn({ vapiCallId: message.callId }, "Vapi reports the assistant stalled (hang)");
      return { ok: true };
    default:
      return { ok: true };
  }
}
