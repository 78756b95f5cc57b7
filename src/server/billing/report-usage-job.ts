import { and, eq, isNull } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { billingCustomers, billingUsage } from "@/server/db/schema";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { getStripe } from "./stripe";

const DAY_MS = 86_400_000;
/** Stripe takes meter events up to 35 days old; a little margin for clocks and queues. */
const OLDEST_REPORTABLE_MS = 34 * DAY_MS;

/** The meter event identifier for a call: the same on every retry, so Stripe never counts it twice. */
export function meterEventIdentifier(callId: string): string {
  return `call_${callId}`;
}

/**
 * Reports one call's minutes to Stripe as a meter event (identifier derived from the call,
 * timestamp the end of the call, or now when that is older than Stripe accepts), then marks the
 * ledger row reported. Retries send the same identifier; a row already reported is left alone.
 */
export const billingReportUsageJob = defineJob(jobTypes["billing.report-usage"], async ({ organisationId, callId }) => {
  await reportCallUsage(organisationId, callId);
});

export async function reportCallUsage(
  organisationId: string,
  callId: string,
  now = new Date(),
): Promise<"reported" | "already" | "skipped"> {
  const metered = getConfig().billing.metered;
  if (!metered) return "skipped";
  const found = await asService(async (tx) => {
    const [usage] = await tx
      .select()
      .from(billingUsage)
      .where(and(eq(billingUsage.organisationId, organisationId), eq(billingUsage.callId, callId)));
    const [customer] = await tx.select().from(billingCustomers).where(eq(billingCustomers.organisationId, organisationId));
    return { usage, customerId: customer?.stripeCustomerId };
  });
  if (!found.usage) return "skipped";
  if (found.usage.reportedAt) return "already";
  if (found.usage.minutes === 0) return "skipped";
  if (!found.customerId) {
    // Not a Stripe customer yet (still in the clinic's own trial): nothing to bill on Stripe.
    return "skipped";
  }
  const occurred = found.usage.occurredAt.getTime();
  const timestamp = Math.floor(
    (now.getTime() - occurred > OLDEST_REPORTABLE_MS || occurred > now.getTime() ? now.getTime() : occurred) / 1000,
  );
  await getStripe().billing.meterEvents.create(
    {
      event_name: metered.eventName,
      identifier: meterEventIdentifier(callId),
      timestamp,
      payload: { stripe_customer_id: found.customerId, value: String(found.usage.minutes) },
    },
    { idempotencyKey: `clinicall-meter-${callId}` },
  );
  await asService((tx) =>
    tx
      .update(billingUsage)
      .set({ reportedAt: now })
      .where(and(eq(billingUsage.organisationId, organisationId), eq(billingUsage.callId, callId), isNull(billingUsage.reportedAt))),
  );
  log.info({ organisationId, callId, minutes: found.usage.minutes }, "call minutes reported to Stripe");
  return "reported";
}
