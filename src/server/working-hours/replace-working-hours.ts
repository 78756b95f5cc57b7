import { asc, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser, type Db } from "@/server/db/access";
import { organisations, workingHours, workingHoursExceptions } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { WorkingHoursInput } from "@/shared/schemas/working-hours";
import { loadOpeningHours } from "./load-opening-hours";
import type { OpeningHours } from "./opening-hours";

/**
 * Admin or owner. Replaces the timezone, the week and the exceptions in one transaction:
 * readers see the old hours or the new ones, never a mix.
 */
export async function replaceWorkingHours(actor: Actor, input: WorkingHoursInput): Promise<OpeningHours> {
  const { userId, organisationId } = actor;
  return asUser(actor, async (tx) => {
    const updated = await tx
      .update(organisations)
      .set({ timezone: input.timezone, timezoneConfirmedAt: sql`now()`, workingHoursSavedAt: sql`now()` })
      .where(eq(organisations.id, organisationId))
      .returning({ id: organisations.id });
    if (updated.length === 0) throw new DomainError("not_found", "This clinic no longer exists.");

    const rows = input.days.flatMap((day) =>
      day.ranges.map((range) => ({ dayOfWeek: day.day_of_week, opensAt: range.opens_at, closesAt: range.closes_at })),
    );
    await replaceWeeklyRows(tx, organisationId, userId, rows);

    await tx.delete(workingHoursExceptions).where(eq(workingHoursExceptions.organisationId, organisationId));
    if (input.exceptions.length > 0) {
      await tx.insert(workingHoursExceptions).values(
        input.exceptions.map((exception) => ({
          organisationId,
          userId,
          date: exception.date,
          closed: exception.closed,
          ranges: exception.ranges.map((r) => ({ opens_at: r.opens_at, closes_at: r.closes_at })),
          label: exception.label,
        })),
      );
    }
    await recordAudit(tx, {
      action: "hours.changed",
      objectType: "working_hours",
      details: { timezone: input.timezone, ranges: rows.length, exceptions: input.exceptions.length },
    });
    return loadOpeningHours(tx, organisationId);
  });
}

/**
 * The week's rows become `rows`. Existing rows are rewritten in place rather than deleted and
 * inserted, so `created_at` keeps saying when the clinic first had hours and `updated_at` when
 * they were last saved (the Overview's setup checklist reads the difference).
 */
async function replaceWeeklyRows(
  tx: Db,
  organisationId: string,
  userId: string,
  rows: { dayOfWeek: number; opensAt: string; closesAt: string }[],
): Promise<void> {
  const existing = await tx
    .select({ id: workingHours.id })
    .from(workingHours)
    .where(eq(workingHours.organisationId, organisationId))
    .orderBy(asc(workingHours.createdAt), asc(workingHours.id));
  const leftover = existing.slice(rows.length).map((r) => r.id);
  if (leftover.length > 0) await tx.delete(workingHours).where(inArray(workingHours.id, leftover));
  for (const [index, row] of rows.entries()) {
    const reuse = existing[index];
    if (reuse)
      await tx
        .update(workingHours)
        .set({ ...row, isClosed: false })
        .where(eq(workingHours.id, reuse.id));
    else await tx.insert(workingHours).values({ ...row, organisationId, userId });
  }
}
