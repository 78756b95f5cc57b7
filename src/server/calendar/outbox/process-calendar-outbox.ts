import { googleServices } from "../google-services";
import { claimDueAppointments } from "./claim-due-appointments";
import { type RecordedOutcome, recordSyncResult } from "./record-sync-result";
import { syncAppointment } from "./sync-appointment";

export type OutboxRunSummary = Record<RecordedOutcome, number> & { claimed: number };

const BATCH = 25;
/** A pass goes on while batches come back full, up to this many rows. */
const MAX_ROWS_PER_PASS = 200;

/**
 * One pass of the calendar outbox at `now`: claims the due appointments (leases, skip locked),
 * makes each one's Google change, records the result with backoff. Idempotent and safe to run
 * from several processes at once. Deterministic for a given `now` and Google's answers, so
 * tests call it directly; the job runner runs it every minute (outbox-pass-job.ts).
 */
export async function processCalendarOutbox(now = new Date()): Promise<OutboxRunSummary> {
  const summary: OutboxRunSummary = { claimed: 0, created: 0, cancelled: 0, retry: 0, failed: 0, paused: 0, superseded: 0 };
  if (!googleServices()) return summary;
  while (summary.claimed < MAX_ROWS_PER_PASS) {
    const batch = await claimDueAppointments(now, { limit: BATCH });
    summary.claimed += batch.length;
    for (const appointment of batch) {
      const outcome = await recordSyncResult(appointment, await syncAppointment(appointment, now), now);
      summary[outcome] += 1;
    }
    if (batch.length < BATCH) break;
  }
  return summary;
}

/**
 * The inline attempt right after a booking or a cancel: claims that one appointment if it is due
 * and free (the worker may hold it), and syncs it now. Returns null when it was not claimable.
 */
export async function syncAppointmentNow(appointmentId: string, now: Date): Promise<RecordedOutcome | null> {
  const [appointment] = await claimDueAppointments(now, { limit: 1, onlyId: appointmentId });
  if (!appointment) return null;
  return recordSyncResult(appointment, await syncAppointment(appointment, now), now);
}
