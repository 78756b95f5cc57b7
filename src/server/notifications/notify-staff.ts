import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { callRouting, organisations, staffNotifications } from "@/server/db/schema";
import { enqueue } from "@/server/jobs/enqueue";
import { outsideQuietHours } from "@/server/sms/sms-text";

export type StaffNoticeKind = "message" | "voicemail" | "missed_transfer";

export interface StaffNotice {
  organisationId: string;
  kind: StaffNoticeKind;
  /** The inbox message it is about (message, voicemail; a missed transfer's callback message). */
  messageId?: string | null;
  /** The call it came from (required for a missed transfer without a message). */
  callId?: string | null;
}

/** The key of a notice: one notification per clinic, kind and thing. */
export function staffNoticeSourceKey(notice: StaffNotice): string {
  const about = notice.kind === "missed_transfer" ? (notice.callId ?? notice.messageId) : (notice.messageId ?? notice.callId);
  if (!about) throw new Error("notifyStaff needs a messageId or a callId");
  return `${notice.kind}:${about}`;
}

/**
 * Tells the clinic's staff about a new message, voicemail or missed transfer (decision 020). Call
 * it inside the service transaction (asService) that records the thing: the notification row and
 * its `notify.staff` job commit with it or not at all. Idempotent per (organisation, kind, thing):
 * a second call (a retried webhook or job) returns `created: false` and queues nothing. The job
 * starts when the clinic's quiet hours end if they are on now (and checks them again then).
 */
export async function notifyStaff(tx: Db, notice: StaffNotice): Promise<{ id: string; created: boolean }> {
  const sourceKey = staffNoticeSourceKey(notice);
  const [row] = await tx
    .insert(staffNotifications)
    .values({
      organisationId: notice.organisationId,
      kind: notice.kind,
      sourceKey,
      messageId: notice.messageId ?? null,
      callId: notice.callId ?? null,
    })
    .onConflictDoNothing({ target: [staffNotifications.organisationId, staffNotifications.sourceKey] })
    .returning({ id: staffNotifications.id });
  if (!row) {
    const [existing] = await tx
      .select({ id: staffNotifications.id })
      .from(staffNotifications)
      .where(and(eq(staffNotifications.organisationId, notice.organisationId), eq(staffNotifications.sourceKey, sourceKey)));
    return { id: existing!.id, created: false };
  }
  const now = new Date();
  const startAfter = await quietHoursEnd(tx, notice.organisationId, now);
  await enqueue(
    tx,
    "notify.staff",
    { organisationId: notice.organisationId, notificationId: row.id },
    { key: row.id, ...(startAfter > now ? { startAfter } : {}) },
  );
  return { id: row.id, created: true };
}

/** The first instant at or after `at` outside the clinic's staff quiet hours (`at` when none). */
export async function quietHoursEnd(tx: Db, organisationId: string, at: Date): Promise<Date> {
  const [row] = await tx
    .select({ timezone: organisations.timezone, start: callRouting.notifyQuietStart, end: callRouting.notifyQuietEnd })
    .from(organisations)
    .leftJoin(callRouting, eq(callRouting.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId));
  if (!row?.start || !row.end) return at;
  return outsideQuietHours(at, row.timezone, { start: row.start.slice(0, 5), end: row.end.slice(0, 5) });
}

/** Claims one destination's text of a notification (true once per number, ever). */
export async function claimText(tx: Db, organisationId: string, id: string, number: string): Promise<boolean> {
  const claimed = await tx.execute(sql`
    update public.staff_notifications
    set texts = texts || jsonb_build_object(${number}::text, jsonb_build_object('status', 'sending'))
    where organisation_id = ${organisationId} and id = ${id} and not texts ? ${number}
    returning id`);
  return claimed.rows.length === 1;
}
