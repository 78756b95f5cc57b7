import type { Locale } from "@/i18n/locales";
import { numberOrNull } from "@/server/call-logs/call-log-json";
import { clinicTimeZone } from "@/server/call-logs/clinic-time-zone";
import { invalidRange, lowerBound, upperBound } from "@/server/call-logs/date-range";
import { type Actor, asUser } from "@/server/db/access";
import { translatorFor } from "@/server/i18n/translator";
import { addDays, utcToZoned } from "@/server/working-hours/zoned-time";
import { type CallOutcome, explainEndedReason } from "@/shared/ended-reasons";
import { analyticsQuery } from "./analytics-query";
import { type AnalyticsQuery, DEFAULT_RANGE_DAYS, type Granularity, MAX_RANGE_DAYS } from "./schemas";

export interface AnalyticsJson {
  range: { from: string; to: string; time_zone: string; granularity: Granularity };
  totals: {
    calls: number;
    completed: number;
    failed: number;
    missed: number;
    transfers: number;
    in_progress: number;
    avg_duration_seconds: number | null;
    total_minutes: number;
    appointments_booked: number;
    /** Calls that booked at least one appointment, over calls the assistant answered. */
    booking_rate: number | null;
    /** USD. */
    cost: number;
  };
  series: { bucket: string; calls: number; booked: number; avg_duration_seconds: number | null }[];
  by_ended_reason: { ended_reason: string | null; label: string; outcome: CallOutcome; calls: number }[];
  by_hour_of_day: { hour: number; calls: number }[];
  by_language: { language: string; calls: number }[];
}

interface RawTotals {
  calls: number;
  completed: number;
  transfers: number;
  missed: number;
  failed: number;
  in_progress: number;
  answered: number;
  booked_calls: number;
  appointments_booked: number;
  avg_duration_seconds: number | null;
  total_seconds: number;
  cost: number | string;
}

const DAY_MS = 86_400_000;

/** `locale`: the language of the ended reasons' labels. */
export async function getAnalytics(actor: Actor, query: AnalyticsQuery, now = new Date(), locale: Locale = "en"): Promise<AnalyticsJson> {
  const { organisationId } = actor;
  const t = translatorFor(locale);
  return asUser(actor, async (tx) => {
    const timeZone = await clinicTimeZone(tx, organisationId);
    const today = utcToZoned(now, timeZone).date;
    const fromText = query.from ?? addDays(query.to && !query.to.includes("T") ? query.to : today, -(DEFAULT_RANGE_DAYS - 1));
    const toText = query.to ?? today;
    const from = lowerBound(fromText, timeZone);
    const to = upperBound(toText, timeZone);
    if (from.getTime() >= to.getTime()) throw invalidRange("`from` must be before `to`.");
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS + 2 * 3_600_000) {
      throw invalidRange(`Choose a range of at most ${MAX_RANGE_DAYS} days.`);
    }
    const { rows } = await tx.execute(analyticsQuery({ organisationId, from, to, timeZone, granularity: query.granularity }));
    const row = rows[0] as Record<string, unknown>;
    const totals = parseJson<RawTotals>(row.totals);
    return {
      range: { from: from.toISOString(), to: to.toISOString(), time_zone: timeZone, granularity: query.granularity },
      totals: {
        calls: totals.calls,
        completed: totals.completed,
        failed: totals.failed,
        missed: totals.missed,
        transfers: totals.transfers,
        in_progress: totals.in_progress,
        avg_duration_seconds: numberOrNull(totals.avg_duration_seconds),
        total_minutes: Math.round((totals.total_seconds / 60) * 10) / 10,
        appointments_booked: Number(totals.appointments_booked),
        booking_rate: totals.answered > 0 ? round4(totals.booked_calls / totals.answered) : null,
        cost: round4(Number(totals.cost)),
      },
      series: (parseJson<AnalyticsJson["series"] | null>(row.series) ?? []).map((bucket) => ({
        ...bucket,
        avg_duration_seconds: numberOrNull(bucket.avg_duration_seconds),
      })),
      by_ended_reason: (
        parseJson<{ ended_reason: string | null; outcome: CallOutcome; calls: number }[] | null>(row.by_ended_reason) ?? []
      ).map((entry) => ({ ...entry, label: explainEndedReason(statusOf(entry.outcome), entry.ended_reason, t).label })),
      by_hour_of_day: parseJson<AnalyticsJson["by_hour_of_day"] | null>(row.by_hour_of_day) ?? [],
      by_language: parseJson<AnalyticsJson["by_language"] | null>(row.by_language) ?? [],
    };
  });
}

/** A status with this outcome, to word a reason that is shared by several statuses. */
function statusOf(outcome: CallOutcome): string {
  if (outcome === "in_progress") return "in-progress";
  return outcome === "failed" ? "failed" : "ended";
}

/** json columns arrive parsed from node-postgres and PGlite alike; a string is parsed here. */
function parseJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
