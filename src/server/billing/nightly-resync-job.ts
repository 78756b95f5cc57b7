import { sql } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { describeError, log } from "@/server/log";
import { reportCallUsage } from "./report-usage-job";
import { syncStripeCustomer } from "./sync-customer";

/**
 * Every night at 04:00 (JOBS_TIMEZONE): syncs every customer whose subscription is not over (or
 * who has none yet on our side), so a webhook Stripe never delivered is repaired within a day; and
 * reports every call minute not yet reported to Stripe. One customer's failure does not stop the
 * others; the pass fails (and is retried) when any did.
 */
export const billingNightlyResyncJob = defineJob(jobTypes["billing.nightly-resync"], async (_payload, context) => {
  if (!getConfig().billing.enabled) return;
  const result = await runNightlyResync(context.signal);
  log.info(result, "billing nightly resync");
  if (result.failed > 0) throw new Error(`${result.failed} billing sync(s) or usage report(s) failed; see the log`);
});

export async function runNightlyResync(signal?: AbortSignal): Promise<{ customers: number; usage: number; failed: number }> {
  const { customers, usage } = await asService(async (tx) => {
    const customers = await tx.execute(sql`
      select c.organisation_id, c.stripe_customer_id from public.billing_customers c
      where not exists (select 1 from public.subscriptions s where s.organisation_id = c.organisation_id
                          and s.stripe_customer_id = c.stripe_customer_id)
         or exists (select 1 from public.subscriptions s where s.organisation_id = c.organisation_id
                      and s.stripe_customer_id = c.stripe_customer_id
                      and s.status not in ('canceled', 'incomplete_expired'))
      order by c.organisation_id`);
    const usage = getConfig().billing.metered
      ? await tx.execute(sql`
          select organisation_id, call_id from public.billing_usage
          where reported_at is null and minutes > 0 and occurred_at > now() - interval '35 days'
          order by occurred_at limit 5000`)
      : { rows: [] };
    return { customers: customers.rows, usage: usage.rows };
  });
  let failed = 0;
  for (const row of customers) {
    if (signal?.aborted) break;
    try {
      await syncStripeCustomer(String(row.organisation_id), String(row.stripe_customer_id));
    } catch (error) {
      failed++;
      log.error({ organisationId: row.organisation_id, err: describeError(error) }, "nightly billing sync failed");
    }
  }
  for (const row of usage) {
    if (signal?.aborted) break;
    try {
      await reportCallUsage(String(row.organisation_id), String(row.call_id));
    } catch (error) {
      failed++;
      log.error({ organisationId: row.organisation_id, err: describeError(error) }, "nightly usage report failed");
    }
  }
  return { customers: customers.length, usage: usage.length, failed };
}
