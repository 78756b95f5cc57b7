import type { Locale } from "@/i18n/locales";
import { numberOrNull } from "@/server/call-logs/call-log-json";
import { clinicTimeZone } from "@/server/call-logs/clinic-time-zone";
import { invalidRange, lowerBound, upperBound } from "@/server/call-logs/date-range";
import { type Actor, asUser } from "@/server/db/access";
import { translatorFor } from "@/server/i18n/translator";
import { addDays, utcToZoned } from "@/server/working-hours/zoned-time";
import { type CallOutcome, explainEndedReason } from "@/shared/ended-reasons";
import { analyticsQuery } from "./analytics-query";
import { appointmentTextsQuery } from "./appointment-texts-query";
import { type AnalyticsQuery, DEFAULT_RANGE_DAYS, type Granularity, MAX_RANGE_DAYS } from "./schemas";

export interface AnalyticsJson {
  range: { from: string; to: string; time_zone: string; granularity: Granularity };
  totals: {
    calls: number;
    completed: number;
    failed: number;
    missed: number;
    /** Times the team was rung (the assistant's transfers, ring-staff-first, emergencies, forwarding). */
    transfers: number;
    /** Of those, how many a staff member took (pressed 1 and talked). */
    transfers_answered: number;
    /** transfers_answered / transfers; null with no transfers. */
    transfer_answer_rate: number | null;
    /** Calls the receptionist answered to the end or handed on (completed or transferred). */
    answered: number;
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
  /** Appointments starting in the range: texts, confirmations, cancellations and no-shows (appointment-texts-query.ts). */
  appointments: AppointmentTextsJson;
}

interface NoShowPeriodJson {
  /** Appointments that have begun and were not cancelled. */
  appointments: number;
  no_shows: number;
  no_show_rate: number | null;
}

interface AppointmentTextsJson {
  /** When the clinic first turned texts (and so reminders) on; null if never. */
  sms_enabled_at: string | null;
  appointments: number;
  /** Appointments a text reached Twilio for, and how many of those the patient confirmed (replied 1). */
  texted: number;
  confirmed: number;
  confirmation_rate: number | null;
  reminders_sent: number;
  reminders_delivered: number;
  reminders_failed: number;
  /** Delivered over delivered + failed/undelivered (texts still on their way count in neither). */
  reminder_delivery_rate: number | null;
  cancellations: { by_sms: number; by_phone: number; by_dashboard: number };
  /** No-shows before texts were turned on and since (null "after" while they never were). */
  no_shows: { before: NoShowPeriodJson; after: NoShowPeriodJson | null };
}

interface RawTexts {
  sms_enabled_at: string | null;
  appointments: number;
  texted: number;
  confirmed: number;
  reminders_sent: number;
  reminders_delivered: number;
  reminders_failed: number;
  cancelled_by_sms: number;
  cancelled_by_phone: number;
  cancelled_by_dashboard: number;
  before_appointments: number;
  before_no_shows: number;
  after_appointments: number;
  after_no_shows: number;
}

interface RawTotals {
  calls: number;
  completed: number;
  transferred_calls: number;
  transfers: number;
  transfers_answered: number;
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
    const textsResult = await tx.execute(appointmentTextsQuery({ organisationId, from, to, now }));
    const texts = parseJson<RawTexts>((textsResult.rows[0] as Record<string, unknown>).texts);
    return {
      range: { from: from.toISOString(), to: to.toISOString(), time_zone: timeZone, granularity: query.granularity },
      totals: {
        calls: totals.calls,
        completed: totals.completed,
        failed: totals.failed,
        missed: totals.missed,
        transfers: totals.transfers,
        transfers_answered: totals.transfers_answered,
        transfer_answer_rate: totals.transfers > 0 ? round4(totals.transfers_answered / totals.transfers) : null,
        answered: totals.answered,
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
      appointments: textsJson(texts),
    };
  });
}

function textsJson(raw: RawTexts): AppointmentTextsJson {
  const n = (value: unknown) => Number(value ?? 0);
  const rate = (part: number, whole: number) => (whole > 0 ? round4(part / whole) : null);
  const period = (appointments: number, noShows: number): NoShowPeriodJson => ({
    appointments,
    no_shows: noShows,
    no_show_rate: rate(noShows, appointments),
  });
  const delivered = n(raw.reminders_delivered);
  const failed = n(raw.reminders_failed);
  return {
    sms_enabled_at: raw.sms_enabled_at ? new Date(raw.sms_enabled_at).toISOString() : null,
    appointments: n(raw.appointments),
    texted: n(raw.texted),
    confirmed: n(raw.confirmed),
    confirmation_rate: rate(n(raw.confirmed), n(raw.texted)),
    reminders_sent: n(raw.reminders_sent),
    reminders_delivered: delivered,
    reminders_failed: failed,
    reminder_delivery_rate: rate(delivered, delivered + failed),
    cancellations: { by_sms: n(raw.cancelled_by_sms), by_phone: n(raw.cancelled_by_phone), by_dashboard: n(raw.cancelled_by_dashboard) },
    no_shows: {
      before: period(n(raw.before_appointments), n(raw.before_no_shows)),
      after: raw.sms_enabled_at ? period(n(raw.after_appointments), n(raw.after_no_shows)) : null,
    },
  };
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
