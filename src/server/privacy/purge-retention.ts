import { sql } from "drizzle-orm";
import { deleteVapiCall } from "@/providers/vapi/client";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { describeError, log } from "@/server/log";
import { setDeletionReason } from "./provider-deletion-requests";

/** Rows one statement touches: each batch is its own short transaction (no long lock on calls). */
const RETENTION_BATCH_SIZE = 200;
/** Vapi deletions tried per call before giving up (one try a night). */
const VAPI_DELETE_MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;

export interface RetentionReport {
  organisations: number;
  recordings: number;
  contents: number;
  metadata: number;
  messageRecordings: number;
  messageContents: number;
  texts: number;
  auditEvents: number;
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

interface Policy {
  organisationId: string;
  recordingsDays: number | null;
  transcriptsDays: number | null;
  metadataDays: number | null;
  auditLogDays: number;
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
  async function inBatches(statement: () => ReturnType<typeof sql>): Promise<number> {
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

  for (const p of policies) {
    const org = p.organisationId;
    if (p.recordingsDays !== null) {
      const before = cutoff(p.recordingsDays);
      report.recordings += await inBatches(
        () => sql`
        with batch as (
          select id from public.calls
          where organisation_id = ${org} and recording_deleted_at is null and created_at < ${before}::timestamptz
          order by created_at limit ${size} for update skip locked)
        update public.calls c
        set recording_url = null, recording_urls = null, voicemail_url = null, recording_deleted_at = ${at}::timestamptz,
            vapi_deletion_status = case when c.vapi_call_id is not null and c.vapi_deletion_status is null then 'pending' else c.vapi_deletion_status end
        from batch where c.organisation_id = ${org} and c.id = batch.id
        returning c.id`,
      );
      report.messageRecordings += await inBatches(
        () => sql`
        with batch as (
          select id from public.messages
          where organisation_id = ${org} and recording_url is not null and created_at < ${before}::timestamptz
          order by created_at limit ${size} for update skip locked)
        update public.messages m set recording_url = null
        from batch where m.organisation_id = ${org} and m.id = batch.id
        returning m.id`,
      );
    }
    await deleteVapiCopies(org);
    if (p.transcriptsDays !== null) {
      const before = cutoff(p.transcriptsDays);
      report.contents += await inBatches(
        () => sql`
        with batch as (
          select id from public.calls
          where organisation_id = ${org} and content_deleted_at is null and created_at < ${before}::timestamptz
          order by created_at limit ${size} for update skip locked)
        update public.calls c
        set transcript = null, summary = null, messages = null, structured_data = null, success_evaluation = null,
            content_deleted_at = ${at}::timestamptz
        from batch where c.organisation_id = ${org} and c.id = batch.id
        returning c.id`,
      );
      report.messageContents += await inBatches(
        () => sql`
        with batch as (
          select id from public.messages
          where organisation_id = ${org} and content_deleted_at is null and created_at < ${before}::timestamptz
          order by created_at limit ${size} for update skip locked)
        update public.messages m
        set caller_name = null, reason = null, summary = null, transcription = null, content_deleted_at = ${at}::timestamptz
        from batch where m.organisation_id = ${org} and m.id = batch.id
        returning m.id`,
      );
      report.texts += await inBatches(
        () => sql`
        with batch as (
          select id from public.sms_messages
          where organisation_id = ${org} and body is not null and created_at < ${before}::timestamptz
          order by created_at limit ${size} for update skip locked)
        update public.sms_messages s set body = null
        from batch where s.organisation_id = ${org} and s.id = batch.id
        returning s.id`,
      );
    }
    if (p.metadataDays !== null) {
      const before = cutoff(p.metadataDays);
      report.metadata += await inBatches(
        () => sql`
        with batch as (
          select id from public.calls
          where organisation_id = ${org} and metadata_deleted_at is null and created_at < ${before}::timestamptz
          order by created_at limit ${size} for update skip locked)
        update public.calls c
        set from_number = null, to_number = null, twilio_call_sid = null, assistant_snapshot = null, twiml = null,
            failure_reason = null, cost_breakdown = null, patient_id = null, user_id = null, redactions = null,
            vapi_call_id = case when c.vapi_deletion_status in ('pending', 'failed') then c.vapi_call_id else null end,
            metadata_deleted_at = ${at}::timestamptz
        from batch where c.organisation_id = ${org} and c.id = batch.id
        returning c.id`,
      );
      await inBatches(
        () => sql`
        with batch as (
          select id from public.messages
          where organisation_id = ${org} and caller_number is not null and created_at < ${before}::timestamptz
          order by created_at limit ${size} for update skip locked)
        update public.messages m set caller_number = null
        from batch where m.organisation_id = ${org} and m.id = batch.id
        returning m.id`,
      );
    }
    report.auditEvents += await inBatches(
      () => sql`
      with batch as (
        select id from public.audit_events
        where organisation_id = ${org} and created_at < ${cutoff(p.auditLogDays)}::timestamptz
        order by created_at limit ${size})
      delete from public.audit_events a using batch
      where a.organisation_id = ${org} and a.id = batch.id
      returning a.id`,
    );
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
