import { sql } from "drizzle-orm";
import { asService } from "@/server/db/access";

/**
 * Seconds since the oldest appointment change became due for Google Calendar, counting only
 * clinics whose calendar is connected (the others wait on purpose): 0 when nothing is due.
 * A growing lag means the outbox worker is stopped, stuck or behind.
 */
export async function calendarOutboxLagSeconds(now = new Date()): Promise<number> {
  const { rows } = await asService((tx) =>
    tx.execute(sql`
      select min(a.sync_next_attempt_at) as oldest
      from public.appointments a
      join public.organisation_calendar_connections c
        on c.organisation_id = a.organisation_id and c.status = 'connected'
      where a.sync_status = 'pending' and a.sync_next_attempt_at <= ${now.toISOString()}::timestamptz`),
  );
  const oldest = rows[0]?.oldest as string | Date | null | undefined;
  if (!oldest) return 0;
  return Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000);
}
