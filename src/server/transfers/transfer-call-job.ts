import { and, eq } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { callTransfers } from "@/server/db/schema";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { describeTwilioError, twilioRest } from "@/server/twilio/twilio-rest";
import { callOfOrganisation } from "./call-for-transfer";
import { markDialing } from "./transfer-rows";
import { dialTwiml } from "./transfer-twiml";

/** Twilio: the call is no longer in progress (the caller hung up, or it moved on). */
const CALL_NOT_IN_PROGRESS = 21220;

/**
 * `calls.transfer`: moves a live call to the transfer's ring group with calls(CallSid).update.
 * Idempotent on the transfer row: only the one that moves it from requested to dialing (this job
 * or the after-ai webhook, whichever comes first) dials; a repeated delivery finds it dialing
 * and does nothing. Without Twilio REST credentials it leaves the transfer requested: when the
 * assistant's stream ends, the after-ai webhook dials it instead.
 */
export const callsTransferJob = defineJob(jobTypes["calls.transfer"], async ({ organisationId, transferId }) => {
  const client = twilioRest();
  if (!client) {
    log.warn({ transferId }, "transfer not started: TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is not set (the after-ai webhook dials it)");
    return;
  }
  const prepared = await asService(async (tx) => {
    const [transfer] = await tx
      .select()
      .from(callTransfers)
      .where(and(eq(callTransfers.id, transferId), eq(callTransfers.organisationId, organisationId)));
    if (transfer?.status !== "requested") return null;
    const call = await callOfOrganisation(tx, organisationId, transfer.callId);
    if (!call?.twilioCallSid) return null;
    return { transfer, call };
  });
  if (!prepared) return;
  const { transfer, call } = prepared;
  const twiml = dialTwiml({
    base: getConfig().publicBaseUrl,
    transferId: transfer.id,
    destinations: transfer.destinations,
    timeoutSeconds: call.routing.ring_timeout_seconds,
    callerId: call.toNumber,
  });
  // Claim first, then call Twilio: a claim without an update is healed by the after-ai webhook
  // (it dials a transfer that is still dialing), an update without a claim would ring twice.
  if (!(await asService((tx) => markDialing(tx, transfer)))) return;
  try {
    await client.calls(call.twilioCallSid!).update({ twiml });
  } catch (error) {
    const problem = describeTwilioError(error);
    if (problem.code === CALL_NOT_IN_PROGRESS) {
      await asService((tx) =>
        tx
          .update(callTransfers)
          .set({ status: "failed", endedAt: new Date(), fallback: "hangup" })
          .where(and(eq(callTransfers.id, transfer.id), eq(callTransfers.organisationId, organisationId))),
      );
      log.info({ transferId, callId: call.callId }, "transfer not started: the call had ended");
      return;
    }
    // Back to requested so the retry (or the after-ai webhook) can dial it.
    await asService((tx) =>
      tx
        .update(callTransfers)
        .set({ status: "requested" })
        .where(
          and(eq(callTransfers.id, transfer.id), eq(callTransfers.organisationId, organisationId), eq(callTransfers.status, "dialing")),
        ),
    );
    log.warn({ transferId, status: problem.status, code: problem.code }, "Twilio refused the transfer update");
    throw new Error(`Twilio refused the transfer update: ${problem.status ?? "?"} ${problem.code ?? ""} ${problem.message}`);
  }
});
