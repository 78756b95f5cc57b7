import { type SQL, sql } from "drizzle-orm";
import { deleteVapiCall } from "@/providers/vapi/client";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { describeError, log } from "@/server/log";
import { setDeletionReason } from "./provider-deletion-requests";
import { laterSteps, type RetentionCount, type RetentionStep, type RetentionWindows, recordingSteps } from "./retention-steps";

/** Rows one statement touches: each batch is its own short transaction (no long lock on calls). */
const RETENTION_BATCH_SIZE = 200;
/** Vapi deletions tried per call before giving up (one try a night). */
const VAPI_DELETE_MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;

export interface RetentionReport extends Record<RetentionCount, number> {
  organisations: number;
  vapiDone: number;
  vapiFailed: number;
  batches: number;
}

export interface PurgeOptions {
  now?: Date;
  batchSize?: number;
  signal?: AbortSignal;
  /** Only this organisation (tests); every clinic with a retention choice otherwise. */
  organisationId?: string;
}

interface Policy extends RetentionWindows {
  organisationId: string;
}

/**
 * Applies every clinic's retention (decision 021): what is older than its window is blanked in
 * batches of `batchSize` rows, each batch one short transaction on the service path that skips
 * rows another transaction holds (`for update skip locked`: a live call being updated waits for
 * nobody, and is taken next night). The call rows themselves stay, stripped to anonymous facts
 * (when, how long, how it ended, language, cost), so analytics keep counting them. Order:
 * recordings (then Vapi is asked to delete its copy), transcripts and messages, call metadata,
 * audit events past the audit retention. Running it again changes nothing more.
 */
export async function purgeRetention(options: PurgeOptions = {}): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const size = options.batchSize ?? RETENTION_BATCH_SIZE;
  const report: RetentionReport = {
    organisations: 0,
    recordings: 0,
    contents: 0,
    metadata: 0,
    messageRecordings: 0,
    messageContents: 0,
    texts: 0,
    auditEvents: 0,
    vapiDone: 0,
    vapiFailed: 0,
    batches: 0,
  };
  const policies = await asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      select o.id as organisation_id, r.recordings_days, r.transcripts_days, r.metadata_days, coalesce(r.audit_log_days, 2192) as audit_log_days
      from public.organisations o left join public.retention_settings r on r.organisation_id = o.id
      where ${options.organisationId ? sql`o.id = ${options.organisationId}::uuid` : sql`true`}
      order by o.id`);
    return rows.map(
      (r): Policy => ({
        organisationId: String(r.organisation_id),
        recordingsDays: r.recordings_days === null ? null : Number(r.recordings_days),
        transcriptsDays: r.transcripts_days === null ? null : Number(r.transcripts_days),
        metadataDays: r.metadata_days === null ? null : Number(r.metadata_days),
        auditLogDays: Number(r.audit_log_days),
      }),
    );
  });
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const at = now.toISOString();

  /** Runs `statement` (which touches at most `size` rows and returns them) until a batch comes back short. */
  async function inBatches(statement: () => SQL): Promise<number> {
    let total = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { rows } = await asService(async (tx) => {
        // Recordings blanked here are asked of Twilio too (the triggers of provider deletions).
        await setDeletionReason(tx, "retention");
        return tx.execute(statement());
      });
      report.batches += 1;
      total += rows.length;
      if (rows.length < size) return total;
    }
  }

  /** Runs each step whose window the clinic has chosen, batch after batch. */
  async function runSteps(policy: Policy, steps: RetentionStep[]): Promise<void> {
    for (const step of steps) {
      const days = policy[step.window];
      if (days === null) continue;
      const scope = { org: policy.organisationId, before: cutoff(days), at, size };
      const cleared = await inBatches(() => step.statement(scope));
      if (step.counts) report[step.counts] += cleared;
    }
  }

  for (const p of policies) {
    await runSteps(p, recordingSteps);
    await deleteVapiCopies(p.organisationId);
    await runSteps(p, laterSteps);
    report.organisations += 1;
  }
  log.info({ ...report }, "retention purge");
  return report;

  /** Vapi's copy of each call whose recording is gone: DELETE /call/{id}, outside any transaction. */
  async function deleteVapiCopies(org: string): Promise<void> {
    const { apiKey, apiUrl, callTimeoutMs } = getConfig().vapi;
    if (!apiKey) return; // Vapi is not configured: they stay pending until it is
    for (;;) {
      options.signal?.throwIfAborted();
      const pending = await asService(async (tx) => {
        const { rows } = await tx.execute(sql`
          select id, vapi_call_id from public.calls
          where organisation_id = ${org} and vapi_deletion_status in ('pending', 'failed')
            and vapi_deletion_attempts < ${VAPI_DELETE_MAX_ATTEMPTS}
            and (vapi_deletion_at is null or vapi_deletion_at < ${at}::timestamptz)
          order by created_at limit ${size}`);
        return rows.map((r) => ({ id: String(r.id), vapiCallId: String(r.vapi_call_id) }));
      });
      for (const call of pending) {
        const result = await deleteVapiCall({ apiUrl, apiKey, timeoutMs: callTimeoutMs, callId: call.vapiCallId });
        if (!result.ok)
          log.warn(
            { callId: call.id, status: result.status, err: describeError(new Error(result.detail)) },
            "Vapi did not delete its copy of a call",
          );
        await asService((tx) =>
          tx.execute(sql`
            update public.calls
            set vapi_deletion_status = ${result.ok ? "done" : "failed"}, vapi_deletion_attempts = vapi_deletion_attempts + 1,
                vapi_deletion_at = ${at}::timestamptz,
                vapi_call_id = case when ${result.ok} and metadata_deleted_at is not null then null else vapi_call_id end
            where organisation_id = ${org} and id = ${call.id}`),
        );
        if (result.ok) report.vapiDone += 1;
        else report.vapiFailed += 1;
      }
      if (pending.length < size) return;
    }
  }
}
