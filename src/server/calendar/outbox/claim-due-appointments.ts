import { sql } from "drizzle-orm";
import { asService } from "@/server/db/access";
import type { AppointmentStatus } from "@/server/db/schema";
import { SYNC_LEASE_MS } from "./outbox-policy";

/** An appointment the caller holds the sync lease of, with what a Google call needs. */
export interface ClaimedAppointment {
  id: string;
  organisationId: string;
  calendarId: string;
  startAt: Date;
  endAt: Date;
  summary: string;
  description: string | null;
  customerName: string | null;
  customerPhone: string | null;
  callId: string | null;
  status: AppointmentStatus;
  syncVersion: number;
  syncAttempts: number;
  timezone: string;
  leaseUntil: Date;
}

/**
 * Takes the lease of up to `limit` appointments with a Google change due at `now`, for clinics
 * whose calendar is connected (others wait, still due, until it is). `for update skip locked`
 * and the lease let several workers (processes) share the outbox without taking a row twice;
 * the lease is what a crashed worker's rows come back by. `onlyId` claims one appointment (the
 * inline attempt right after booking or cancelling).
 */
export async function claimDueAppointments(now: Date, options: { limit: number; onlyId?: string }): Promise<ClaimedAppointment[]> {
  const leaseUntil = new Date(now.getTime() + SYNC_LEASE_MS);
  const { rows } = await asService((tx) =>
    tx.execute(sql`
      update public.appointments a
      set sync_locked_until = ${leaseUntil.toISOString()}::timestamptz
      from public.organisations o
      where o.id = a.organisation_id
        and a.id in (
          select d.id from public.appointments d
          join public.organisation_calendar_connections c
            on c.organisation_id = d.organisation_id and c.status = 'connected'
          where d.sync_status = 'pending'
            and d.sync_next_attempt_at <= ${now.toISOString()}::timestamptz
            and (d.sync_locked_until is null or d.sync_locked_until <= ${now.toISOString()}::timestamptz)
            ${options.onlyId ? sql`and d.id = ${options.onlyId}` : sql``}
          order by d.sync_next_attempt_at, d.id
          limit ${options.limit}
          for update of d skip locked
        )
      returning a.id, a.organisation_id, a.calendar_id, a.start_at, a.end_at, a.summary, a.description,
                a.customer_name, a.customer_phone, a.call_id, a.status, a.sync_version, a.sync_attempts, o.timezone`),
  );
  return rows.map((row) => ({
    id: String(row.id),
    organisationId: String(row.organisation_id),
    calendarId: String(row.calendar_id),
    startAt: new Date(row.start_at as string | Date),
    endAt: new Date(row.end_at as string | Date),
    summary: String(row.summary),
    description: (row.description as string | null) ?? null,
    customerName: (row.customer_name as string | null) ?? null,
    customerPhone: (row.customer_phone as string | null) ?? null,
    callId: (row.call_id as string | null) ?? null,
    status: row.status as AppointmentStatus,
    syncVersion: Number(row.sync_version),
    syncAttempts: Number(row.sync_attempts),
    timezone: String(row.timezone),
    leaseUntil,
  }));
}
