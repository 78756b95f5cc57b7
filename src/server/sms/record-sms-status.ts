import { and, eq, sql } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { patients, smsMessages } from "@/server/db/schema";
import { TWILIO_UNSUBSCRIBED } from "./dispatch-due-sms";

const RANK: Record<string, number> = { accepted: 2, queued: 3, sending: 3, sent: 4, delivered: 5, undelivered: 5, failed: 5 };

/**
 * POST /api/webhooks/twilio/sms/status after the signature is verified: a text's status moves
 * forward only (accepted → queued → sent → delivered | undelivered | failed), whatever order
 * Twilio's callbacks arrive in, with the error code of a failure. 21610 (the recipient opted out)
 * is mirrored on the patient. False when the status is unknown or would move backwards.
 */
export async function recordSmsStatus(messageSid: string, status: string, errorCode: number | undefined, now: Date): Promise<boolean> {
  const rank = RANK[status];
  if (rank === undefined) return false;
  const dbStatus = status === "sending" ? "queued" : status;
  return asService(async (tx) => {
    const [row] = await tx
      .update(smsMessages)
      .set({
        status: dbStatus as typeof smsMessages.$inferInsert.status,
        ...(errorCode !== undefined ? { errorCode } : {}),
        updatedAt: now,
      })
      .where(
        and(
          eq(smsMessages.twilioSid, messageSid),
          sql`(case ${smsMessages.status} when 'pending' then 0 when 'sending' then 1 when 'accepted' then 2 when 'queued' then 3
                when 'sent' then 4 when 'delivered' then 5 when 'undelivered' then 5 when 'failed' then 5 else 9 end) < ${rank}`,
        ),
      )
      .returning({ organisationId: smsMessages.organisationId, toNumber: smsMessages.toNumber });
    if (row && errorCode === TWILIO_UNSUBSCRIBED && row.toNumber) {
      await tx
        .update(patients)
        .set({ smsOptedOutAt: now, updatedAt: now })
        .where(and(eq(patients.organisationId, row.organisationId), eq(patients.phoneNumber, row.toNumber)));
    }
    return Boolean(row);
  });
}
