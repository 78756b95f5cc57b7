import { type SQL, sql } from "drizzle-orm";

export interface DashboardStatsParams {
  organisationId: string;
  /** Midnight today in the clinic's timezone. */
  todayStart: Date;
  /** Midnight six days earlier: "the last 7 days" are today and the six before. */
  weekStart: Date;
  now: Date;
}

/**
 * Every figure of the Overview's cards in one statement (the recent calls are the calls list's
 * first page). The 7-day figures read one index range of calls_organisation_analytics_idx;
 * the rest are counts on small per-clinic tables.
 */
export function dashboardStatsQuery(p: DashboardStatsParams): SQL {
  const org = p.organisationId;
  return sql`select
      (select count(*) from public.intents where organisation_id = ${org} and is_active) as intents_count,
      (select count(*) from public.phone_numbers where organisation_id = ${org} and is_active) as active_phone_numbers,
      (select json_build_object(
          'calls', count(*),
          'today', count(*) filter (where w.created_at >= ${p.todayStart.toISOString()}::timestamptz),
          'finished', count(*) filter (where w.outcome <> 'in_progress'),
          'answered', count(*) filter (where w.outcome in ('completed', 'transferred')),
          'avg_duration_seconds', round(avg(w.duration_seconds) filter (where w.outcome in ('completed', 'transferred'))))
        from (select c.created_at, c.duration_seconds, public.call_outcome(c.status, c.ended_reason) as outcome
              from public.calls c
              where c.organisation_id = ${org} and c.created_at >= ${p.weekStart.toISOString()}::timestamptz) w) as week,
      (select count(*) from public.appointments
        where organisation_id = ${org} and start_at >= ${p.now.toISOString()}::timestamptz and status <> 'cancelled') as appointments_upcoming,
      exists (select 1 from public.organisation_calendar_connections
              where organisation_id = ${org} and status = 'connected') as calendar_connected,
      (select s.status from public.subscriptions s where s.organisation_id = ${org}
        order by s.created_at desc, s.id desc limit 1) as subscription_status,
      (select o.selected_voice_agent_id is not null from public.organisations o where o.id = ${org}) as voice_chosen`;
}
