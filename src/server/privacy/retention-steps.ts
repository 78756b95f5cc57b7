import { type SQL, sql } from "drizzle-orm";

/** What one batch statement is for: the clinic, its window's cutoff, the purge's own time, the batch size. */
export interface BatchScope {
  org: string;
  before: string;
  at: string;
  size: number;
}

/** The retention report's counts that steps add to. */
export type RetentionCount = "recordings" | "contents" | "metadata" | "messageRecordings" | "messageContents" | "texts" | "auditEvents";

/** A clinic's retention windows in days; null keeps that kind of data. */
export interface RetentionWindows {
  recordingsDays: number | null;
  transcriptsDays: number | null;
  metadataDays: number | null;
  auditLogDays: number;
}

/** One kind of data the purge clears, one batch statement at a time. */
export interface RetentionStep {
  clears: string;
  /** The window that decides what is old enough; a clinic without it skips the step. */
  window: keyof RetentionWindows;
  /** The report's count of what it cleared (none: not reported). */
  counts?: RetentionCount;
  /** Clears at most `size` of the clinic's rows created before `before` and returns them. */
  statement: (scope: BatchScope) => SQL;
}

/**
 * A batch that blanks columns: the clinic's oldest `size` rows of `table` that still hold data
 * (`held`), skipping rows another transaction holds (a live call waits for nobody).
 */
function blankOldest(table: SQL, held: SQL, set: (at: string) => SQL): RetentionStep["statement"] {
  return ({ org, before, at, size }) => sql`
    with batch as (
      select id from ${table}
      where organisation_id = ${org} and ${held} and created_at < ${before}::timestamptz
      order by created_at limit ${size} for update skip locked)
    update ${table} t set ${set(at)}
    from batch where t.organisation_id = ${org} and t.id = batch.id
    returning t.id`;
}

const calls = sql`public.calls`;
const messages = sql`public.messages`;

/** Run first; Vapi is then asked to delete its copy of each call whose recording went. */
export const recordingSteps: RetentionStep[] = [
  {
    clears: "call recordings (and marks Vapi's copy for deletion)",
    window: "recordingsDays",
    counts: "recordings",
    statement: blankOldest(
      calls,
      sql`recording_deleted_at is null`,
      (at) => sql`recording_url = null, recording_urls = null, voicemail_url = null, recording_deleted_at = ${at}::timestamptz,
        vapi_deletion_status = case when t.vapi_call_id is not null and t.vapi_deletion_status is null then 'pending' else t.vapi_deletion_status end`,
    ),
  },
  {
    clears: "message recordings (voicemails)",
    window: "recordingsDays",
    counts: "messageRecordings",
    statement: blankOldest(messages, sql`recording_url is not null`, () => sql`recording_url = null`),
  },
];

/** Run after Vapi's copies: contents, then metadata, then audit events. */
export const laterSteps: RetentionStep[] = [
  {
    clears: "call transcripts, summaries and analysis",
    window: "transcriptsDays",
    counts: "contents",
    statement: blankOldest(
      calls,
      sql`content_deleted_at is null`,
      (at) => sql`transcript = null, summary = null, messages = null, structured_data = null, success_evaluation = null,
        content_deleted_at = ${at}::timestamptz`,
    ),
  },
  {
    clears: "message contents",
    window: "transcriptsDays",
    counts: "messageContents",
    statement: blankOldest(
      messages,
      sql`content_deleted_at is null`,
      (at) => sql`caller_name = null, reason = null, summary = null, transcription = null, content_deleted_at = ${at}::timestamptz`,
    ),
  },
  {
    clears: "text message bodies",
    window: "transcriptsDays",
    counts: "texts",
    statement: blankOldest(sql`public.sms_messages`, sql`body is not null`, () => sql`body = null`),
  },
  {
    clears: "call metadata (numbers, provider ids, snapshots, costs); the Vapi id stays while its deletion is owed",
    window: "metadataDays",
    counts: "metadata",
    statement: blankOldest(
      calls,
      sql`metadata_deleted_at is null`,
      (at) => sql`from_number = null, to_number = null, twilio_call_sid = null, assistant_snapshot = null, twiml = null,
        failure_reason = null, cost_breakdown = null, patient_id = null, user_id = null, redactions = null,
        vapi_call_id = case when t.vapi_deletion_status in ('pending', 'failed') then t.vapi_call_id else null end,
        metadata_deleted_at = ${at}::timestamptz`,
    ),
  },
  {
    clears: "message caller numbers",
    window: "metadataDays",
    statement: blankOldest(messages, sql`caller_number is not null`, () => sql`caller_number = null`),
  },
  {
    clears: "audit events (deleted)",
    window: "auditLogDays",
    counts: "auditEvents",
    statement: ({ org, before, size }) => sql`
      with batch as (
        select id from public.audit_events
        where organisation_id = ${org} and created_at < ${before}::timestamptz
        order by created_at limit ${size})
      delete from public.audit_events a using batch
      where a.organisation_id = ${org} and a.id = batch.id
      returning a.id`,
  },
];
