import { passwordResetRequestJob } from "@/server/account-safety/password-reset-request-job";
import { accountTokenCleanupJob } from "@/server/account-safety/token-cleanup-job";
import { billingNightlyResyncJob } from "@/server/billing/nightly-resync-job";
import { billingReportUsageJob } from "@/server/billing/report-usage-job";
import { billingSyncCustomerJob } from "@/server/billing/sync-customer-job";
import { calendarNightlyCleanupJob } from "@/server/calendar/nightly-cleanup-job";
import { calendarOutboxPassJob } from "@/server/calendar/outbox/outbox-pass-job";
import { emailSendJob } from "@/server/email/email-send-job";
import { notifyStaffJob, notifySweepJob } from "@/server/notifications/notify-jobs";
import { privacyExportJob } from "@/server/privacy/export-job";
import { privacyHousekeepingJob } from "@/server/privacy/housekeeping-job";
import { privacyProviderDeletionsJob } from "@/server/privacy/provider-deletions-job";
import { privacyRetentionPurgeJob } from "@/server/privacy/retention-purge-job";
import { smsDispatchJob } from "@/server/sms/sms-dispatch-job";
import { callsTransferJob } from "@/server/transfers/transfer-call-job";
import type { JobDefinition } from "./job-definition";
import type { JobType, jobTypes } from "./job-types";

export type { JobType };

/**
 * Every job type's handler (each job's module: `defineJob(jobTypes[name], handler)`), for the
 * processes that work jobs: startJobRunner({ handlers: jobDefinitions() }). Nothing that
 * enqueues imports this module (enqueue reads job-types.ts), so a handler may enqueue.
 */
export const jobRegistry = {
  [calendarOutboxPassJob.name]: calendarOutboxPassJob,
  [calendarNightlyCleanupJob.name]: calendarNightlyCleanupJob,
  [emailSendJob.name]: emailSendJob,
  [billingSyncCustomerJob.name]: billingSyncCustomerJob,
  [billingNightlyResyncJob.name]: billingNightlyResyncJob,
  [billingReportUsageJob.name]: billingReportUsageJob,
  [passwordResetRequestJob.name]: passwordResetRequestJob,
  [accountTokenCleanupJob.name]: accountTokenCleanupJob,
  [smsDispatchJob.name]: smsDispatchJob,
  [notifyStaffJob.name]: notifyStaffJob,
  [notifySweepJob.name]: notifySweepJob,
  [privacyRetentionPurgeJob.name]: privacyRetentionPurgeJob,
  [callsTransferJob.name]: callsTransferJob,
  [privacyExportJob.name]: privacyExportJob,
  [privacyHousekeepingJob.name]: privacyHousekeepingJob,
  [privacyProviderDeletionsJob.name]: privacyProviderDeletionsJob,
} as const satisfies { [Name in JobType]: JobDefinition<(typeof jobTypes)[Name]["payload"], Name> };

export function jobDefinitions(): JobDefinition[] {
  return Object.values(jobRegistry) as JobDefinition[];
}
