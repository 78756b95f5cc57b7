import { eq } from "drizzle-orm";
import { asUser } from "@/server/db";
import { organisations, workingHours, workingHoursExceptions } from "@/server/db/schema";
import { AppError } from "@/server/http/errors";
import { loadOpeningHours } from "./load-opening-hours";
import type { OpeningHours } from "./opening-hours";
import type { WorkingHoursInput } from "./schemas";

/**
 * Admin or owner. Replaces the timezone, the week and the exceptions in one transaction:
 * readers see the old hours or the new ones, never a mix.
 */
export async function replaceWorkingHours(userId: string, organisationId: string, input: WorkingHoursInput): Promise<OpeningHours> {
  return asUser(userId, async (tx) => {
    const updated = await tx
      .update(organisations)
      .set({ timezone: input.timezone })
      .where(eq(organisations.id, organisationId))
      .returning({ id: organisations.id });
    if (updated.length === 0) throw new AppError("not_found", "This clinic no longer exists.");

    await tx.delete(workingHours).where(eq(workingHours.organisationId, organisationId));
    const rows = input.days.flatMap((day) =>
      day.ranges.map((range) => ({
        organisationId,
        userId,
        dayOfWeek: day.day_of_week,
        opensAt: range.opens_at,
        closesAt: range.closes_at,
      })),
    );
    if (rows.length > 0) await tx.insert(workingHours).values(rows);

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
    return loadOpeningHours(tx, organisationId);
  });
}
