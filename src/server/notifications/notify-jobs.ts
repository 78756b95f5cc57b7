import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { sendDueDigests } from "./daily-digest";
import { deliverHeldNotifications, deliverStaffNotification } from "./deliver-staff-notification";

/**
 * Staff notifications (decision 020). `notify.staff`: one notification (a message, voicemail or
 * missed transfer), queued by notifyStaff in the transaction that recorded it, one job per
 * notification. Its emails are queued (email.send, which retries while the mail server refuses);
 * it is retried with backoff when Twilio refuses a text for now. Every email and text is claimed in
 * the notification's row first, so a retry or a second delivery sends nothing twice.
 */
export const notifyStaffJob = defineJob(jobTypes["notify.staff"], async (payload) => {
  const summary = await deliverStaffNotification(payload.organisationId, payload.notificationId, new Date());
  log.info({ organisationId: payload.organisationId, notificationId: payload.notificationId, ...summary }, "staff notification");
});

/**
 * Every 5 minutes, one process at a time: the notifications held for quiet hours whose end has
 * come, and each clinic's daily digest once its first opening of the local day has come (one per
 * clinic and date: the digest's row is the ledger). The rows are the state, so a pass delivered
 * twice finds nothing left that it already sent.
 */
export const notifySweepJob = defineJob(jobTypes["notify.sweep"], async () => {
  const now = new Date();
  const held = await deliverHeldNotifications(now);
  const digests = await sendDueDigests(now);
  if (held + digests > 0) log.info({ held, digests }, "staff notification sweep");
});
