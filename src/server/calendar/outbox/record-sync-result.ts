import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { asService } from "@/server/db/access";
import { appointments } from "@/server/db/schema";
import type { ClaimedAppointment } from "./claim-due-appointments";
import { MAX_SYNC_ATTEMPTS, retryDelayMs } from "./outbox-policy";
import type { SyncResult } from "./sync-appointment";

/** How the row ended up: `superseded` when it changed (a cancel) while Google was being called. */
export type RecordedOutcome = SyncResult["kind"] | "superseded";

/**
 * Writes an attempt's result and gives the lease back. The write applies only if the
 * appointment's sync_version is still the claimed one: a cancel made meanwhile stays pending
 * (already due), so the worker's next pass cancels the event this attempt may have created.
 */
export async function recordSyncResult(appointment: ClaimedAppointment, result: SyncResult, now: Date): Promise<RecordedOutcome> {
  const attempts = appointment.syncAttempts + 1;
  const changes = changesFor(result, attempts, now);
  const updated = await asService(async (tx) => {
    const rows = await tx
      .update(appointments)
      .set({ ...changes, syncLockedUntil: null, updatedAt: now })
      .where(and(eq(appointments.id, appointment.id), eq(appointments.syncVersion, appointment.syncVersion)))
      .returning({ id: appointments.id });
    if (rows.length > 0) return true;
    await tx.update(appointments).set({ syncLockedUntil: null }).where(eq(appointments.id, appointment.id));
    return false;
  });
  if (!updated) return "superseded";
  return result.kind === "retry" && attempts >= MAX_SYNC_ATTEMPTS ? "failed" : result.kind;
}

function changesFor(result: SyncResult, attempts: number, now: Date): PgUpdateSetSource<typeof appointments> {
  switch (result.kind) {
    case "created":
      return {
        status: sql`case when ${appointments.status} = 'pending_sync' then 'confirmed' else ${appointments.status} end`,
        calendarEventId: result.eventId,
        syncStatus: "synced",
        syncLastError: null,
        syncNextAttemptAt: null,
        syncedAt: now,
      };
    case "cancelled":
      return { syncStatus: "synced", syncLastError: null, syncNextAttemptAt: null, syncedAt: now };
    case "paused":
      // Stays due: the claim skips clinics without a connection, and picks it up after a reconnect.
      return { syncLastError: result.error };
    case "failed":
      return { syncStatus: "failed", syncAttempts: attempts, syncLastError: result.error, syncNextAttemptAt: null };
    case "retry":
      if (attempts >= MAX_SYNC_ATTEMPTS) {
        return { syncStatus: "failed", syncAttempts: attempts, syncLastError: result.error, syncNextAttemptAt: null };
      }
      return { syncAttempts: attempts, syncLastError: result.error, syncNextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
  }
}
