import { and, eq, isNull, sql } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { asService, type Db } from "@/server/db/access";
import { staffNotifications } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { loadOpeningHours } from "@/server/working-hours/load-opening-hours";
import { type OpeningHours, rangesOn } from "@/server/working-hours/opening-hours";
import { addDays, utcToZoned, zonedDateTimeToUtc } from "@/server/working-hours/zoned-time";
import { membersToEmail, queueEmailOnce } from "./deliveries";

/** How far back a digest looks for the previous day the clinic opened. */
const LOOK_BACK_DAYS = 7;

/** When the clinic first opens on a local date (null: closed that day). */
function firstOpening(hours: OpeningHours, date: string): Date | null {
  const ranges = rangesOn(hours, date)
    .map((range) => range.opens_at)
    .sort();
  return ranges[0] ? zonedDateTimeToUtc(date, ranges[0], hours.timezone) : null;
}

/**
 * The local dates a digest sent on `date` covers: from the previous date the clinic opened (at
 * most a week back) through the day before `date`. On an ordinary weekday that is yesterday; on
 * a Monday after a closed weekend, Friday to Sunday, so nothing falls between two digests.
 */
export function digestPeriod(hours: OpeningHours, date: string): { from: string; through: string } {
  const through = addDays(date, -1);
  for (let back = 1; back <= LOOK_BACK_DAYS; back += 1) {
    const day = addDays(date, -back);
    if (rangesOn(hours, day).length > 0) return { from: day, through };
  }
  return { from: addDays(date, -LOOK_BACK_DAYS), through };
}

/**
 * The digests due at `now` (the `notify.sweep` job): for every clinic that opens today (its local
 * date) and whose first opening has come, today's digest unless it is already delivered. Returns
 * how many clinics were handled. One clinic's failure does not stop the others (the next sweep
 * tries it again: every email is claimed, so none goes twice).
 */
export async function sendDueDigests(now: Date): Promise<number> {
  const organisations = await asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      select o.id from public.organisations o
      where exists (select 1 from public.organisation_members m where m.organisation_id = o.id)
      order by o.id`);
    return rows.map((row) => String(row.id));
  });
  let handled = 0;
  for (const organisationId of organisations) {
    try {
      const due = await asService(async (tx) => {
        const hours = await loadOpeningHours(tx, organisationId);
        const today = utcToZoned(now, hours.timezone).date;
        const opening = firstOpening(hours, today);
        if (!opening || opening > now) return null;
        const { rows } = await tx.execute(sql`
          select 1 from public.staff_notifications
          where organisation_id = ${organisationId} and source_key = ${`digest:${today}`} and delivered_at is not null`);
        return rows.length > 0 ? null : today;
      });
      if (!due) continue;
      await sendDailyDigest(organisationId, due, now);
      handled += 1;
    } catch (error) {
      log.error({ organisationId, err: describeError(error) }, "daily digest not sent yet");
    }
  }
  return handled;
}

interface DigestCounts {
  calls: number;
  bookings: number;
  openMessages: number;
  missedTransfers: number;
}

async function digestCounts(tx: Db, organisationId: string, from: Date, to: Date): Promise<DigestCounts> {
  const { rows } = await tx.execute(sql`
    select
      (select count(*) from public.calls c
        where c.organisation_id = ${organisationId} and c.created_at >= ${from} and c.created_at < ${to})::int as calls,
      (select count(*) from public.appointments a
        where a.organisation_id = ${organisationId} and a.created_at >= ${from} and a.created_at < ${to})::int as bookings,
      (select count(*) from public.messages m
        where m.organisation_id = ${organisationId} and m.status <> 'done')::int as open_messages,
      (select count(*) from public.staff_notifications n
        where n.organisation_id = ${organisationId} and n.kind = 'missed_transfer'
          and n.created_at >= ${from} and n.created_at < ${to})::int as missed_transfers`);
  const row = rows[0] ?? {};
  return {
    calls: Number(row.calls ?? 0),
    bookings: Number(row.bookings ?? 0),
    openMessages: Number(row.open_messages ?? 0),
    missedTransfers: Number(row.missed_transfers ?? 0),
  };
}

/**
 * One clinic's digest for its local `date`: the ledger row `digest:<date>` (one per clinic and
 * day), then an email to each member who has not turned the digest off, in their language, each
 * claimed in the row and queued (`email.send`) in one transaction. A quiet period (no calls, no bookings, no open messages,
 * no missed transfers) sends no email at all. Once every email is done the row is delivered, and
 * a later run sends nothing.
 */
export async function sendDailyDigest(
  organisationId: string,
  date: string,
  now: Date = new Date(),
): Promise<{ outcome: "sent" | "already" | "quiet" | "gone"; emails: number }> {
  const prepared = await asService(async (tx) => {
    const { rows: clinic } = await tx.execute(sql`select name from public.organisations where id = ${organisationId}`);
    if (!clinic[0]) return { outcome: "gone" as const };
    await tx
      .insert(staffNotifications)
      .values({ organisationId, kind: "digest", sourceKey: `digest:${date}` })
      .onConflictDoNothing({ target: [staffNotifications.organisationId, staffNotifications.sourceKey] });
    const [ledger] = await tx
      .select({ id: staffNotifications.id, deliveredAt: staffNotifications.deliveredAt })
      .from(staffNotifications)
      .where(and(eq(staffNotifications.organisationId, organisationId), eq(staffNotifications.sourceKey, `digest:${date}`)));
    if (!ledger || ledger.deliveredAt) return { outcome: "already" as const };
    const hours = await loadOpeningHours(tx, organisationId);
    const period = digestPeriod(hours, date);
    const from = zonedDateTimeToUtc(period.from, "00:00", hours.timezone);
    const to = zonedDateTimeToUtc(date, "00:00", hours.timezone);
    const counts = await digestCounts(tx, organisationId, from, to);
    const members = (await membersToEmail(tx, organisationId)).filter((member) => member.choices.daily_digest);
    const name =
      String(clinic[0].name ?? "")
        .trim()
        .slice(0, 200) || "Clinicall";
    return { outcome: "ready" as const, id: ledger.id, period, counts, members, name };
  });
  if (prepared.outcome !== "ready") return { outcome: prepared.outcome, emails: 0 };
  const { id, period, counts, members, name } = prepared;
  const quiet = counts.calls + counts.bookings + counts.openMessages + counts.missedTransfers === 0;
  let emails = 0;
  if (!quiet) {
    const data = {
      clinic: name,
      period: period.from === period.through ? period.from : `${period.from} – ${period.through}`,
      ...counts,
      url: `${getConfig().publicBaseUrl}/dashboard`,
    };
    for (const member of members) {
      const outcome = await queueEmailOnce(organisationId, id, `email:${member.userId}`, {
        to: member.email,
        template: "staff.daily-digest",
        language: member.language,
        data,
        key: `${id}:${member.userId}`,
      });
      if (outcome === "queued") emails += 1;
    }
  }
  await asService((tx) =>
    tx
      .update(staffNotifications)
      .set({ deliveredAt: now, updatedAt: now })
      .where(
        and(eq(staffNotifications.organisationId, organisationId), eq(staffNotifications.id, id), isNull(staffNotifications.deliveredAt)),
      ),
  );
  return { outcome: quiet ? "quiet" : "sent", emails };
}
