import { type SQL, sql } from "drizzle-orm";
import type { Granularity } from "./schemas";

export interface AnalyticsParams {
  organisationId: string;
  from: Date;
  to: Date;
  timeZone: string;
  granularity: Granularity;
}

const answered = sql`outcome in ('completed', 'transferred')`;

/**
 * One statement for the whole analytics response. The range of calls is read once (an
 * index-only scan on calls_organisation_analytics_idx) into a materialised CTE, then counted
 * several ways. Buckets are local dates of the clinic: `created_at at time zone <IANA zone>`
 * then date_trunc, so a day is 23 or 25 hours long across a DST change, as it is on the
 * clinic's wall. Appointments count when linked to a call of the range (booked during it);
 * such an appointment starts after its call, which bounds the appointments scanned. Transfers
 * to staff count from call_transfers (every ring of the team that was dialled, answered or not),
 * not from Vapi's ended reason: with the server moving the call, Vapi never sees a transfer.
 */
export function analyticsQuery(p: AnalyticsParams): SQL {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const step = `1 ${p.granularity}`;
  return sql`with booked as materialized (
      select a.call_id, count(*) as appointments
      from public.appointments a
      where a.organisation_id = ${p.organisationId} and a.call_id is not null
        and a.status <> 'cancelled' and a.start_at >= ${from}::timestamptz
      group by a.call_id
    ), c as materialized (
      select c.created_at at time zone ${p.timeZone} as local_at,
             public.call_outcome(c.status, c.ended_reason) as outcome,
             c.ended_reason, c.duration_seconds, c.cost, c.language,
             coalesce(b.appointments, 0) as appointments
      from public.calls c
      left join booked b on b.call_id = c.id
      where c.organisation_id = ${p.organisationId}
        and c.created_at >= ${from}::timestamptz and c.created_at < ${to}::timestamptz
    ), t as materialized (
      select t.status
      from public.call_transfers t
      where t.organisation_id = ${p.organisationId} and t.status <> 'requested'
        and t.created_at >= ${from}::timestamptz and t.created_at < ${to}::timestamptz
    ), per_bucket as (
      select date_trunc(${p.granularity}, local_at) as bucket, count(*) as calls,
             count(*) filter (where appointments > 0) as booked,
             round(avg(duration_seconds) filter (where ${answered})) as avg_duration_seconds
      from c group by 1
    ), per_hour as (
      select extract(hour from local_at)::integer as hour, count(*) as calls from c group by 1
    ), buckets as (
      select generate_series(
        date_trunc(${p.granularity}, ${from}::timestamptz at time zone ${p.timeZone}),
        date_trunc(${p.granularity}, (${to}::timestamptz - interval '1 microsecond') at time zone ${p.timeZone}),
        ${step}::interval) as bucket
    )
    select
      (select json_build_object(
          'calls', count(*),
          'completed', count(*) filter (where outcome = 'completed'),
          'transferred_calls', count(*) filter (where outcome = 'transferred'),
          'transfers', (select count(*) from t),
          'transfers_answered', (select count(*) from t where t.status = 'answered'),
          'missed', count(*) filter (where outcome = 'missed'),
          'failed', count(*) filter (where outcome = 'failed'),
          'in_progress', count(*) filter (where outcome = 'in_progress'),
          'answered', count(*) filter (where ${answered}),
          'booked_calls', count(*) filter (where appointments > 0),
          'appointments_booked', coalesce(sum(appointments), 0),
          'avg_duration_seconds', round(avg(duration_seconds) filter (where ${answered})),
          'total_seconds', coalesce(sum(duration_seconds), 0),
          'cost', coalesce(sum(cost), 0))
        from c) as totals,
      (select json_agg(json_build_object('bucket', to_char(b.bucket, 'YYYY-MM-DD'), 'calls', coalesce(p.calls, 0),
                                         'booked', coalesce(p.booked, 0), 'avg_duration_seconds', p.avg_duration_seconds)
                       order by b.bucket)
        from buckets b left join per_bucket p on p.bucket = b.bucket) as series,
      (select json_agg(json_build_object('ended_reason', r.ended_reason, 'outcome', r.outcome, 'calls', r.calls)
                       order by r.calls desc, r.ended_reason)
        from (select ended_reason, outcome, count(*) as calls from c group by ended_reason, outcome) r) as by_ended_reason,
      (select json_agg(json_build_object('hour', hours.hour, 'calls', coalesce(h.calls, 0)) order by hours.hour)
        from generate_series(0, 23) as hours(hour) left join per_hour h on h.hour = hours.hour) as by_hour_of_day,
      (select json_agg(json_build_object('language', l.language, 'calls', l.calls) order by l.calls desc, l.language)
        from (select coalesce(language, 'unknown') as language, count(*) as calls from c group by 1) l) as by_language`;
}
