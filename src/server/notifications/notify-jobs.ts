import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { log } from "@/server/log";
import { dueDigests, sendDailyDigest } from "./daily-digest";
import { deliverStaffNotification } from "./deliver-staff-notification";

/**
 * Staff notifications (decision 020). `notify.staff`: one notification (a message, voicemail or
 * missed transfer), queued by notifyStaff in the transaction that recorded it; one job per
 * notification (a hold for quiet hours is a new job with its own key). Retried with backoff when
 * Twilio refuses a text for now; every email and text is keyed or claimed, so a retry or a second
 * delivery sends nothing twice.
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
 * Every 5 minutes: each clinic whose first opening of its local today has come and whose digest
 * for today is not yet written gets a `notify.digest` job, keyed by clinic and local date.
 */
export const notifyDigestFanOutJob = defineJob({
  name: "notify.digest-fan-out",
  payload: z.object({}).strict(),
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  timeoutSeconds: 4 * 60,
  unique: "oneAtATime",
  schedule: { cron: "*/5 * * * *", missed: "skip" },
  async handle() {
    const queued = await dueDigests(new Date());
    if (queued > 0) log.info({ queued }, "daily digests queued");
  },
});

/** One clinic's digest for one local date: written once (a ledger row per clinic and date). */
export const notifyDigestJob = defineJob({
  name: "notify.digest",
  payload: z
    .object({
      organisationId: z.uuid(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    })
    .strict(),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  timeoutSeconds: 120,
  unique: "perKey",
  async handle(payload) {
    const result = await sendDailyDigest(payload.organisationId, payload.date);
    log.info({ organisationId: payload.organisationId, date: payload.date, ...result }, "daily digest");
  },
});
