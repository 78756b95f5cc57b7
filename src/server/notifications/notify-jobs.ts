import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { log } from "@/server/log";
import { sendDueDigests } from "./daily-digest";
import { deliverHeldNotifications, deliverStaffNotification } from "./deliver-staff-notification";

/**
 * Staff notifications (decision 020). `notify.staff`: one notification (a message, voicemail or
 * missed transfer), queued by notifyStaff in the transaction that recorded it, one job per
 * notification. Retried with backoff when SMTP or Twilio refuses for now; every email and text is
 * claimed before it is sent, so a retry or a second delivery sends nothing twice.
 */
export const notifyStaffJob = defineJob({
  name: "notify.staff",
  payload: z.object({ organisationId: z.uuid(), notificationId: z.uuid() }).strict(),
  retry: { limit: 5, delaySeconds: 30, backoff: true, maxDelaySeconds: 15 * 60 },
  timeoutSeconds: 120,
  unique: "perKey",
  async handle(payload) {
    const summary = await deliverStaffNotification(payload.organisationId, payload.notificationId, new Date());
    log.info({ organisationId: payload.organisationId, notificationId: payload.notificationId, ...summary }, "staff notification");
  },
});

/**
 * Every 5 minutes, one process at a time: the notifications held for quiet hours whose end has
 * come, and each clinic's daily digest once its first opening of the local day has come (one per
 * clinic and date: the digest's row is the ledger). The rows are the state, so a pass delivered
 * twice finds nothing left that it already sent.
 */
export const notifySweepJob = defineJob({
  name: "notify.sweep",
  payload: z.object({}).strict(),
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  timeoutSeconds: 4 * 60,
  unique: "oneAtATime",
  schedule: { cron: "*/5 * * * *", missed: "skip" },
  async handle() {
    const now = new Date();
    const held = await deliverHeldNotifications(now);
    const digests = await sendDueDigests(now);
    if (held + digests > 0) log.info({ held, digests }, "staff notification sweep");
  },
});
