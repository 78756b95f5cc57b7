import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";

/** How long a sent email's job id is remembered (longer than any email job's retries). */
const SENT_EMAIL_MEMORY_MS = 30 * 24 * 3_600_000;

/**
 * The sent marker of the email.send job (migration 20261209004500): whether this job already
 * handed its email to the mail server. A job delivered again after it sent then sends nothing; only
 * a crash between the server's acceptance and `markEmailSent` can send one twice (with the same
 * Message-ID).
 */
export async function emailAlreadySent(tx: Db, jobId: string): Promise<boolean> {
  const { rows } = await tx.execute(sql`select 1 from private.sent_emails where job_id = ${jobId}::uuid`);
  return rows.length > 0;
}

export async function markEmailSent(tx: Db, jobId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    insert into private.sent_emails (job_id, sent_at) values (${jobId}::uuid, ${now.toISOString()}::timestamptz)
    on conflict (job_id) do nothing`);
}

/** Forgets markers older than 30 days (the nightly account.token-cleanup job). */
export async function forgetOldSentEmails(tx: Db, now: Date): Promise<number> {
  const { rows } = await tx.execute(sql`
    delete from private.sent_emails where sent_at < ${new Date(now.getTime() - SENT_EMAIL_MEMORY_MS).toISOString()}::timestamptz
    returning job_id`);
  return rows.length;
}
