import { type CallLogJson, numberOrNull, toCallLogJson } from "@/server/call-logs/call-log-json";
import { clinicTimeZone } from "@/server/call-logs/clinic-time-zone";
import { listCallsQuery } from "@/server/call-logs/list-calls-query";
import { type Actor, asUser } from "@/server/db/access";
import { addDays, utcToZoned, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { dashboardStatsQuery } from "./dashboard-stats-query";

/** What the receptionist cannot do yet, in the Overview checklist's order. */
export type SetupItem = "phone_number" | "intents" | "voice" | "calendar";

export interface DashboardStatsJson {
  intents_count: number;
  active_phone_numbers: number;
  calls_today: number;
  calls_last_7_days: number;
  /** Answered by the assistant (completed or transferred) over finished calls; null without any. */
  answered_rate_7d: number | null;
  avg_duration_seconds_7d: number | null;
  appointments_upcoming: number;
  calendar_connected: boolean;
  subscription_status: string;
  setup_missing: SetupItem[];
  recent_calls: CallLogJson[];
}

interface WeekFigures {
  calls: number;
  today: number;
  finished: number;
  answered: number;
  avg_duration_seconds: number | null;
}

export async function getDashboardStats(actor: Actor, now = new Date()): Promise<DashboardStatsJson> {
  const { organisationId } = actor;
  return asUser(actor, async (tx) => {
    const timeZone = await clinicTimeZone(tx, organisationId);
    const today = utcToZoned(now, timeZone).date;
    const todayStart = zonedDateTimeToUtc(today, "00:00", timeZone);
    const weekStart = zonedDateTimeToUtc(addDays(today, -6), "00:00", timeZone);
    const { rows } = await tx.execute(dashboardStatsQuery({ organisationId, todayStart, weekStart, now }));
    const recent = await tx.execute(listCallsQuery({ organisationId, limit: 5 }));
    const row = rows[0] as Record<string, unknown>;
    const week = (typeof row.week === "string" ? JSON.parse(row.week) : row.week) as WeekFigures;
    const activeNumbers = Number(row.active_phone_numbers);
    const intentsCount = Number(row.intents_count);
    const calendarConnected = Boolean(row.calendar_connected);
    const missing: SetupItem[] = [];
    if (activeNumbers === 0) missing.push("phone_number");
    if (intentsCount === 0) missing.push("intents");
    if (!row.voice_chosen) missing.push("voice");
    if (!calendarConnected) missing.push("calendar");
    return {
      intents_count: intentsCount,
      active_phone_numbers: activeNumbers,
      calls_today: week.today,
      calls_last_7_days: week.calls,
      answered_rate_7d: week.finished > 0 ? Math.round((week.answered / week.finished) * 10_000) / 10_000 : null,
      avg_duration_seconds_7d: numberOrNull(week.avg_duration_seconds),
      appointments_upcoming: Number(row.appointments_upcoming),
      calendar_connected: calendarConnected,
      subscription_status: typeof row.subscription_status === "string" ? row.subscription_status : "none",
      setup_missing: missing,
      recent_calls: recent.rows.map(toCallLogJson),
    };
  });
}
