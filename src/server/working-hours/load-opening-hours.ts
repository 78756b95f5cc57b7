import { asc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { organisations, workingHours, workingHoursExceptions } from "@/server/db/schema";
import { fromDatabaseTime } from "@/shared/time-of-day";
import type { OpeningHours } from "./opening-hours";

/**
 * The clinic's opening hours, in the caller's transaction: as a person (RLS) or on the
 * service path (the call pipeline); it filters by organisation either way. `days` always has
 * all seven weekdays, Sunday first; `exceptions` are sorted by date.
 */
export async function loadOpeningHours(tx: Db, organisationId: string): Promise<OpeningHours> {
  const [organisation] = await tx
    .select({ timezone: organisations.timezone })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const ranges = await tx
    .select({ dayOfWeek: workingHours.dayOfWeek, opensAt: workingHours.opensAt, closesAt: workingHours.closesAt })
    .from(workingHours)
    .where(eq(workingHours.organisationId, organisationId))
    .orderBy(asc(workingHours.dayOfWeek), asc(workingHours.opensAt));
  const exceptions = await tx
    .select()
    .from(workingHoursExceptions)
    .where(eq(workingHoursExceptions.organisationId, organisationId))
    .orderBy(asc(workingHoursExceptions.date));
  return {
    timezone: organisation?.timezone ?? "UTC",
    days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
      day_of_week: day,
      ranges: ranges
        .filter((r) => r.dayOfWeek === day)
        .map((r) => ({ opens_at: fromDatabaseTime(r.opensAt), closes_at: fromDatabaseTime(r.closesAt) })),
    })),
    exceptions: exceptions.map((e) => ({
      date: e.date,
      closed: e.closed,
      ranges: e.closed ? [] : e.ranges.map((r) => ({ opens_at: r.opens_at, closes_at: r.closes_at })),
      label: e.label,
    })),
  };
}
