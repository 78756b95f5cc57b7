import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Actor, asUser } from "@/server/db/access";
import { DomainError } from "@/server/errors";
import { addDays } from "@/server/working-hours/zoned-time";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date as YYYY-MM-DD" })
  .refine(
    (value) => {
      const parsed = new Date(`${value}T00:00:00Z`);
      return (
        !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value && value >= "2000-01-01" && value <= "2100-12-31"
      );
    },
    { message: "must be a real date between 2000-01-01 and 2100-12-31" },
  );

export const UsageQuery = z.object({ from: date, to: date }).strict();
export type UsageQuery = z.infer<typeof UsageQuery>;

export interface UsageJson {
  from: string;
  to: string;
  timezone: string;
  total_minutes: number;
  /** Every day from `from` to `to` (inclusive) in the clinic's time zone, zeros included. */
  days: { date: string; minutes: number; calls: number }[];
}

const MAX_DAYS = 366;

/** GET /api/billing/usage?from&to: billable call minutes per day of the clinic's calendar (RLS: members). */
export async function getBillingUsage(actor: Actor, query: UsageQuery): Promise<UsageJson> {
  if (query.to < query.from)
    throw new DomainError("invalid_input", "`to` must not be before `from`.", {
      fields: [{ path: "to", message: "must not be before from" }],
    });
  const span = (Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_DAYS)
    throw new DomainError("invalid_input", `Ask for at most ${MAX_DAYS} days at a time.`, {
      fields: [{ path: "to", message: `at most ${MAX_DAYS} days after from` }],
    });
  const { timezone, rows } = await asUser(actor, async (tx) => {
    const org = await tx.execute(sql`select timezone from public.organisations where id = ${actor.organisationId}`);
    const zone = String(org.rows[0]?.timezone ?? "UTC");
    const result = await tx.execute(sql`
      select to_char((occurred_at at time zone ${zone})::date, 'YYYY-MM-DD') as day, sum(minutes)::int as minutes, count(*)::int as calls
      from public.billing_usage
      where organisation_id = ${actor.organisationId}
        and occurred_at >= (${query.from}::date::timestamp at time zone ${zone})
        and occurred_at < ((${query.to}::date + 1)::timestamp at time zone ${zone})
      group by 1`);
    return { timezone: zone, rows: result.rows };
  });
  const byDay = new Map(rows.map((r) => [String(r.day), { minutes: Number(r.minutes), calls: Number(r.calls) }]));
  const days: UsageJson["days"] = [];
  for (let day = query.from; day <= query.to; day = addDays(day, 1))
    days.push({ date: day, ...(byDay.get(day) ?? { minutes: 0, calls: 0 }) });
  return { from: query.from, to: query.to, timezone, total_minutes: days.reduce((sum, d) => sum + d.minutes, 0), days };
}
