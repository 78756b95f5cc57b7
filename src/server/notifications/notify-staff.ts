import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { staffNotifications } from "@/server/db/schema";
import { enqueue } from "@/server/jobs/enqueue";
import { quietHoursEnd } from "./quiet-hours";

type StaffNoticeKind = "message" | "voicemail" | "missed_transfer";

export interface StaffNotice {
  organisationId: string;
  kind: StaffNoticeKind;
  /** The inbox message it is about (message, voicemail; a missed transfer's callback message). */
  messageId?: string | null;
  /** The call it came from (required for a missed transfer without a message). */
  callId?: string | null;
}

/** The key of a notice: one notification per clinic, kind and thing. */
function staffNoticeSourceKey(notice: StaffNotice): string {
  const about = notice.kind === "missed_transfer" ? (notice.callId ?? notice.messageId) : (notice.messageId ?? notice.callId);
  if (!about) throw new Error("notifyStaff needs a messageId or a callId");
  return `${notice.kind}:${about}`;
}

/**
 * Tells the clinic's staff about a new message, voicemail or missed transfer (decision 020). Call
 * it inside the service transaction (asService) that records the thing: the notification row and
 * its `notify.staff` job commit with it or not at all. Idempotent per (organisation, kind, thing):
 * a second call (a retried webhook or job) returns `created: false` and queues nothing. Inside the
 * clinic's quiet hours the notice is held (`held_until`) and the `notify.sweep` job sends it when
 * they end; otherwise a `notify.staff` job sends it now.
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
  const allowedAt = await quietHoursEnd(tx, notice.organisationId, now);
  if (allowedAt > now) {
    await tx
      .update(staffNotifications)
      .set({ heldUntil: allowedAt })
      .where(and(eq(staffNotifications.organisationId, notice.organisationId), eq(staffNotifications.id, row.id)));
  } else {
    await enqueue(tx, "notify.staff", { organisationId: notice.organisationId, notificationId: row.id }, { key: row.id });
  }
  return { id: row.id, created: true };
}
