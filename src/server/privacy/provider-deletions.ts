import { sql } from "drizzle-orm";
import { deleteVapiCall } from "@/providers/vapi/client";
import { recordAudit } from "@/server/audit/record-audit";
import { getConfig } from "@/server/config";
import { asService, type Db } from "@/server/db/access";
import { describeError, log } from "@/server/log";
import { describeTwilioError, twilioRest } from "@/server/twilio/twilio-rest";

/**
 * Providers' copies (decision 023). `private.provider_deletions` holds one request per provider
 * resource whose our copy is gone (written by triggers on calls and messages: retention, a
 * patient's erasure, the organisation's erasure; and by a transcription that arrives for a
 * recording already gone). This carries them out, outside any transaction:
 *
 * - Twilio recording: its transcriptions (GET …/Recordings/{sid}/Transcriptions.json, then DELETE
 *   …/Transcriptions/{sid}.json each), then DELETE …/Recordings/{sid}.json. 204, or 404 (already
 *   gone), is done. A recording another row of ours still plays (the call's voicemail and its inbox
 *   message age out on different nights) waits a day, without counting an attempt.
 * - Twilio transcription: DELETE …/Transcriptions/{sid}.json.
 * - Vapi call: DELETE /call/{id} (deleteVapiCall; 404 is done); the call row, when it still exists,
 *   records `vapi_deletion_status = done` so retention does not ask again.
 *
 * Each request ends `done`, or `failed` with the error and a next attempt (5 min, then ×4, at most a
 * day apart), until MAX_ATTEMPTS. A provider that is not configured leaves its requests pending.
 * Each outcome is an audit event of the request's organisation (`provider_deletion.confirmed` /
 * `.failed`, ids only), in the transaction that records it; the request itself was audited as
 * `provider_deletion.requested` by the trigger that wrote it.
 * Idempotent: done requests are never taken again, and a repeated DELETE finds a 404.
 */

const MAX_ATTEMPTS = 8;
const BATCH_SIZE = 50;
const FIRST_RETRY_MS = 5 * 60_000;
const MAX_RETRY_MS = 24 * 3_600_000;
const IN_USE_DELAY_MS = 24 * 3_600_000;

export interface ProviderDeletionReport {
  done: number;
  failed: number;
  deferred: number;
}

interface DeletionRequest {
  id: string;
  provider: "twilio" | "vapi";
  resource: "recording" | "transcription" | "call";
  resourceId: string;
  organisationId: string;
  callId: string | null;
  attempts: number;
}

type Outcome = { ok: true } | { ok: false; error: string } | { inUse: true };

/** The delay before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 4 ** Math.max(0, attempts - 1));
}

export async function processProviderDeletions(options: { now?: Date; signal?: AbortSignal; batchSize?: number } = {}) {
  const now = options.now ?? new Date();
  const size = options.batchSize ?? BATCH_SIZE;
  const report: ProviderDeletionReport = { done: 0, failed: 0, deferred: 0 };
  const providers = configuredProviders();
  if (providers.length === 0) return report;
  for (;;) {
    options.signal?.throwIfAborted();
    const due = await asService(async (tx) => {
      const { rows } = await tx.execute(sql`
        select id, provider, resource, resource_id, organisation_id, call_id, attempts
        from private.provider_deletions
        where status <> 'done' and attempts < ${MAX_ATTEMPTS} and next_attempt_at <= ${now.toISOString()}::timestamptz
          and provider in (${sql.join(
            providers.map((p) => sql`${p}`),
            sql`, `,
          )})
        order by next_attempt_at, id limit ${size}`);
      return rows.map(
        (r): DeletionRequest => ({
          id: String(r.id),
          provider: r.provider as DeletionRequest["provider"],
          resource: r.resource as DeletionRequest["resource"],
          resourceId: String(r.resource_id),
          organisationId: String(r.organisation_id),
          callId: r.call_id === null ? null : String(r.call_id),
          attempts: Number(r.attempts),
        }),
      );
    });
    for (const request of due) {
      options.signal?.throwIfAborted();
      const outcome = await carryOut(request);
      await asService((tx) => record(tx, request, outcome, now));
      if ("inUse" in outcome) report.deferred += 1;
      else if (outcome.ok) report.done += 1;
      else {
        report.failed += 1;
        log.warn(
          { provider: request.provider, resource: request.resource, callId: request.callId, err: describeError(new Error(outcome.error)) },
          "a provider did not delete its copy",
        );
      }
    }
    if (due.length < size) break;
  }
  if (report.done + report.failed + report.deferred > 0) log.info({ ...report }, "provider deletions");
  return report;
}

function configuredProviders(): DeletionRequest["provider"][] {
  const providers: DeletionRequest["provider"][] = [];
  if (twilioRest()) providers.push("twilio");
  if (getConfig().vapi.apiKey) providers.push("vapi");
  return providers;
}

async function carryOut(request: DeletionRequest): Promise<Outcome> {
  if (request.provider === "vapi") {
    const { apiKey, apiUrl, callTimeoutMs } = getConfig().vapi;
    const result = await deleteVapiCall({ apiUrl, apiKey: apiKey!, timeoutMs: callTimeoutMs, callId: request.resourceId });
    return result.ok ? { ok: true } : { ok: false, error: `Vapi answered ${result.status ?? "nothing"}: ${result.detail}` };
  }
  const client = twilioRest()!;
  try {
    if (request.resource === "transcription") {
      await gone(client.transcriptions(request.resourceId).remove());
      return { ok: true };
    }
    if (await recordingStillPlayed(request)) return { inUse: true };
    const transcriptions = await client
      .recordings(request.resourceId)
      .transcriptions.list()
      .catch((error: unknown) => {
        if (describeTwilioError(error).status === 404) return [];
        throw error;
      });
    for (const transcription of transcriptions) await gone(client.transcriptions(transcription.sid).remove());
    await gone(client.recordings(request.resourceId).remove());
    return { ok: true };
  } catch (error) {
    const { status, code, message } = describeTwilioError(error);
    return { ok: false, error: `Twilio answered ${status ?? "nothing"}${code ? ` (${code})` : ""}: ${message}` };
  }
}

/** A DELETE that found nothing (404) is as good as done. */
async function gone(removal: Promise<boolean>): Promise<void> {
  await removal.catch((error: unknown) => {
    if (describeTwilioError(error).status !== 404) throw error;
  });
}

/** True while a call or an inbox message of ours still links the recording (it goes with the last of them). */
async function recordingStillPlayed(request: DeletionRequest): Promise<boolean> {
  return asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      select exists (
               select 1 from public.messages m
               where m.organisation_id = ${request.organisationId}::uuid
                 and m.source_key = ${`voicemail:${request.resourceId}`} and m.recording_url is not null)
          or exists (
               select 1 from public.calls c
               where c.organisation_id = ${request.organisationId}::uuid and c.id = ${request.callId}::uuid
                 and private.twilio_recording_sid(c.voicemail_url) = ${request.resourceId}) as in_use`);
    return rows[0]?.in_use === true;
  });
}

async function record(tx: Db, request: DeletionRequest, outcome: Outcome, now: Date): Promise<void> {
  if ("inUse" in outcome) {
    await tx.execute(sql`
      update private.provider_deletions set next_attempt_at = ${new Date(now.getTime() + IN_USE_DELAY_MS).toISOString()}::timestamptz
      where id = ${request.id}`);
    return;
  }
  const attempts = request.attempts + 1;
  await auditOutcome(tx, request, outcome, attempts);
  if (outcome.ok) {
    await tx.execute(sql`
      update private.provider_deletions
      set status = 'done', attempts = ${attempts}, completed_at = ${now.toISOString()}::timestamptz, last_error = null
      where id = ${request.id}`);
    if (request.provider === "vapi" && request.callId) {
      await tx.execute(sql`
        update public.calls
        set vapi_deletion_status = 'done', vapi_deletion_at = ${now.toISOString()}::timestamptz
        where organisation_id = ${request.organisationId}::uuid and id = ${request.callId}::uuid
          and vapi_call_id = ${request.resourceId}`);
    }
    return;
  }
  await tx.execute(sql`
    update private.provider_deletions
    set status = 'failed', attempts = ${attempts}, last_error = ${outcome.error.slice(0, 500)},
        next_attempt_at = ${new Date(now.getTime() + retryDelayMs(attempts)).toISOString()}::timestamptz
    where id = ${request.id}`);
}

/** The outcome as an audit event of the request's organisation, unless that organisation has been erased. */
async function auditOutcome(tx: Db, request: DeletionRequest, outcome: Exclude<Outcome, { inUse: true }>, attempts: number): Promise<void> {
  const { rows } = await tx.execute(sql`select 1 from public.organisations where id = ${request.organisationId}::uuid`);
  if (rows.length === 0) return;
  await recordAudit(tx, {
    organisationId: request.organisationId,
    action: outcome.ok ? "provider_deletion.confirmed" : "provider_deletion.failed",
    objectType: "provider_deletion",
    objectId: request.id,
    details: {
      provider: request.provider,
      resource: request.resource,
      resource_id: request.resourceId,
      call_id: request.callId,
      attempts,
      ...(!outcome.ok && { error: outcome.error }),
    },
  });
}
