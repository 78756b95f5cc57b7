import { z } from "zod";
import { EMAIL_LANGUAGES } from "@/server/email/email-template";
import { isEmailTemplateName } from "@/server/email/templates";
import { defineJobType, type JobType as JobTypeSpec } from "./job-definition";

/**
 * Every job type the product has, in one place, without its handler: the name, payload schema,
 * retry policy, timeout, uniqueness and schedule. `enqueue` and the job runner read this; the
 * handlers are in each job's module (`defineJob(jobTypes[name], handler)`), listed for the runner
 * in registry.ts. This module imports no job's module and nothing that enqueues, so any module,
 * a job's handler included, may enqueue follow-up work without an import cycle.
 * A type not listed here cannot be enqueued.
 */

/** privacy.export: the handler marks the export failed on its last attempt. */
export const PRIVACY_EXPORT_RETRY_LIMIT = 2;

export const jobTypes = {
  "account.password-reset-request": defineJobType({
    name: "account.password-reset-request",
    payload: z.object({ email: z.email().max(254), requestId: z.uuid() }).strict(),
    retry: { limit: 3, delaySeconds: 10, backoff: true },
    timeoutSeconds: 60,
    unique: "perKey",
  }),
  "account.token-cleanup": defineJobType({
    name: "account.token-cleanup",
    payload: z.object({}).strict(),
    retry: { limit: 3, delaySeconds: 60, backoff: true },
    timeoutSeconds: 10 * 60,
    unique: "oneAtATime",
    // Missed because every process was down at 02:30: run once when a runner is back.
    schedule: { cron: "30 2 * * *", missed: "once" },
  }),
  "billing.nightly-resync": defineJobType({
    name: "billing.nightly-resync",
    payload: z.object({}).strict(),
    retry: { limit: 3, delaySeconds: 120, backoff: true },
    timeoutSeconds: 30 * 60,
    unique: "oneAtATime",
    schedule: { cron: "0 4 * * *", missed: "once" },
  }),
  "billing.report-usage": defineJobType({
    name: "billing.report-usage",
    payload: z.object({ organisationId: z.uuid(), callId: z.uuid() }).strict(),
    retry: { limit: 10, delaySeconds: 60, backoff: true, maxDelaySeconds: 6 * 3600 },
    timeoutSeconds: 60,
    unique: "perKey",
  }),
  "billing.sync-customer": defineJobType({
    name: "billing.sync-customer",
    payload: z
      .object({
        organisationId: z.uuid(),
        customerId: z.string().regex(/^cus_[A-Za-z0-9_]{1,250}$/),
      })
      .strict(),
    retry: { limit: 8, delaySeconds: 30, backoff: true, maxDelaySeconds: 3600 },
    timeoutSeconds: 120,
    unique: "none",
  }),
  "calendar.nightly-cleanup": defineJobType({
    name: "calendar.nightly-cleanup",
    payload: z.object({}).strict(),
    retry: { limit: 3, delaySeconds: 60, backoff: true },
    timeoutSeconds: 10 * 60,
    unique: "oneAtATime",
    // Missed because every process was down at 03:00: run once when a runner is back.
    schedule: { cron: "0 3 * * *", missed: "once" },
  }),
  "calendar.outbox-pass": defineJobType({
    name: "calendar.outbox-pass",
    payload: z.object({}).strict(),
    retry: { limit: 0, delaySeconds: 30, backoff: false },
    timeoutSeconds: 5 * 60,
    unique: "oneAtATime",
    // A missed minute needs no catching up: the next pass takes everything that became due meanwhile.
    schedule: { cron: "* * * * *", missed: "skip" },
  }),
  "email.send": defineJobType({
    name: "email.send",
    payload: z
      .object({
        to: z.email().max(254),
        template: z.string().max(100).refine(isEmailTemplateName, { message: "unknown email template" }),
        language: z.enum(EMAIL_LANGUAGES),
        sealed: z.string().max(32_000),
        key: z.string().min(1).max(300),
        /** Set (by the database) when a signed-in person's transaction queued it. */
        organisationId: z.uuid().optional(),
      })
      .strict(),
    retry: { limit: 6, delaySeconds: 30, backoff: true, maxDelaySeconds: 30 * 60 },
    timeoutSeconds: 90,
    unique: "perKey",
    // queueEmail inside asUser (an invitation with its row): the data is sealed under the server's
    // key and bound to recipient and template, so SQL in a user's transaction cannot forge one.
    userEnqueue: { minimumRole: "member" },
  }),
  "notify.staff": defineJobType({
    name: "notify.staff",
    payload: z.object({ organisationId: z.uuid(), notificationId: z.uuid() }).strict(),
    retry: { limit: 5, delaySeconds: 30, backoff: true, maxDelaySeconds: 15 * 60 },
    timeoutSeconds: 120,
    unique: "perKey",
  }),
  "notify.sweep": defineJobType({
    name: "notify.sweep",
    payload: z.object({}).strict(),
    retry: { limit: 0, delaySeconds: 60, backoff: false },
    timeoutSeconds: 4 * 60,
    unique: "oneAtATime",
    schedule: { cron: "*/5 * * * *", missed: "skip" },
  }),
  "privacy.export": defineJobType({
    name: "privacy.export",
    payload: z.object({ organisationId: z.uuid(), exportId: z.uuid() }).strict(),
    retry: { limit: PRIVACY_EXPORT_RETRY_LIMIT, delaySeconds: 30, backoff: true },
    timeoutSeconds: 15 * 60,
    unique: "perKey",
    userEnqueue: { minimumRole: "owner" },
  }),
  "privacy.housekeeping": defineJobType({
    name: "privacy.housekeeping",
    payload: z.object({}).strict(),
    retry: { limit: 3, delaySeconds: 60, backoff: true },
    timeoutSeconds: 30 * 60,
    unique: "oneAtATime",
    schedule: { cron: "20 * * * *", missed: "once" },
  }),
  "privacy.provider-deletions": defineJobType({
    name: "privacy.provider-deletions",
    payload: z.object({}).strict(),
    // The requests carry their own retries; a failed run is simply the next one.
    retry: { limit: 1, delaySeconds: 60, backoff: false },
    timeoutSeconds: 15 * 60,
    unique: "oneAtATime",
    schedule: { cron: "*/5 * * * *", missed: "skip" },
  }),
  "privacy.retention-purge": defineJobType({
    name: "privacy.retention-purge",
    payload: z.object({}).strict(),
    retry: { limit: 3, delaySeconds: 300, backoff: true },
    timeoutSeconds: 60 * 60,
    unique: "oneAtATime",
    // Missed because every process was down at 02:30: run once when a runner is back.
    schedule: { cron: "30 2 * * *", missed: "once" },
  }),
  "sms.dispatch": defineJobType({
    name: "sms.dispatch",
    payload: z.object({}).strict(),
    retry: { limit: 0, delaySeconds: 30, backoff: false },
    timeoutSeconds: 4 * 60,
    unique: "oneAtATime",
    schedule: { cron: "* * * * *", missed: "skip" },
  }),
  "calls.transfer": defineJobType({
    name: "calls.transfer",
    payload: z.object({ organisationId: z.uuid(), transferId: z.uuid() }).strict(),
    // A live call cannot wait: one quick retry, then the after-ai webhook is the safety net.
    retry: { limit: 1, delaySeconds: 2, backoff: false },
    timeoutSeconds: 30,
    unique: "perKey",
    pollingIntervalSeconds: 0.5,
  }),
} as const satisfies Record<string, JobTypeSpec>;

export type JobType = keyof typeof jobTypes;

export function jobTypeList(): JobTypeSpec[] {
  return Object.values(jobTypes) as JobTypeSpec[];
}
