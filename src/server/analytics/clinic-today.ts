import { clinicTimeZone } from "@/server/call-logs/clinic-time-zone";
import { type Actor, asUser } from "@/server/db/access";
import { utcToZoned } from "@/server/working-hours/zoned-time";

/** Today's date on the clinic's calendar, and its time zone (for pages that pick dates). */
export async function clinicToday(actor: Actor, now = new Date()): Promise<{ today: string; timeZone: string }> {
  const { organisationId } = actor;
  const timeZone = await asUser(actor, (tx) => clinicTimeZone(tx, organisationId));
  return { today: utcToZoned(now, timeZone).date, timeZone };
}
