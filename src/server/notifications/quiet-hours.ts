import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { callRouting, organisations } from "@/server/db/schema";
import { outsideQuietHours } from "@/server/sms/sms-text";

/**
 * The first instant at or after `at` outside the clinic's quiet hours for staff notifications
 * (call_routing.notify_quiet_start/end, local times in the clinic's zone; DST included), or `at`
 * when it has none.
 */
export async function quietHoursEnd(tx: Db, organisationId: string, at: Date): Promise<Date> {
  const [row] = await tx
    .select({ timezone: organisations.timezone, start: callRouting.notifyQuietStart, end: callRouting.notifyQuietEnd })
    .from(organisations)
    .leftJoin(callRouting, eq(callRouting.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId));
  if (!row?.start || !row.end) return at;
  return outsideQuietHours(at, row.timezone, { start: row.start.slice(0, 5), end: row.end.slice(0, 5) });
}
