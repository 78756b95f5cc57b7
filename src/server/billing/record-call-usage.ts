import { sql } from "drizzle-orm";
import { getConfig } from "@/server/config";
import type { Db } from "@/server/db/access";
import { enqueue } from "@/server/jobs/enqueue";

/**
 * Inside the end-of-call report's transaction (service path): the call's billable minutes
 * (its duration rounded up to whole minutes) into the usage ledger, once per call; and, when a
 * metered price is configured, the job that reports them to Stripe (one per call, keyed by it).
 * A second report for the same call changes nothing.
 */
export async function recordCallUsage(tx: Db, vapiCallId: string): Promise<void> {
  const { rows } = await tx.execute(sql`
    insert into public.billing_usage (organisation_id, call_id, seconds, minutes, occurred_at)
    select c.organisation_id, c.id, d.seconds, ceil(d.seconds / 60.0)::int, coalesce(c.ended_at, c.report_received_at, now())
    from public.calls c
    cross join lateral (
      select least(604800, greatest(0, round(coalesce(c.duration_seconds,
        extract(epoch from (c.ended_at - c.started_at)), 0))))::int as seconds
    ) d
    where c.vapi_call_id = ${vapiCallId}
    on conflict do nothing
    returning organisation_id, call_id, minutes`);
  const row = rows[0];
  if (!row || Number(row.minutes) === 0 || !getConfig().billing.metered) return;
  const organisationId = String(row.organisation_id);
  const callId = String(row.call_id);
  await enqueue(tx, "billing.report-usage", { organisationId, callId }, { key: `${organisationId}:${callId}` });
}
