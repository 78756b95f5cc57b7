import { log } from "@/server/log";
import { processCalendarOutbox } from "./process-calendar-outbox";

const holder = globalThis as unknown as { __clinicallCalendarOutbox?: { stop(): void } };

export const OUTBOX_INTERVAL_MS = 15_000;

/**
 * Runs the calendar outbox every `intervalMs` in this process, one pass at a time. The queue
 * itself lives in Postgres (due rows and leases), so a restart loses nothing and several
 * processes can run a worker each. Started once per process (kept on globalThis).
 */
export function startCalendarOutboxWorker(intervalMs = OUTBOX_INTERVAL_MS): { stop(): void } {
  if (holder.__clinicallCalendarOutbox) return holder.__clinicallCalendarOutbox;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const summary = await processCalendarOutbox(new Date());
      if (summary.claimed > 0) log.info({ summary }, "calendar outbox pass");
    } catch (error) {
      log.warn({ err: { message: (error as Error).message } }, "calendar outbox pass failed; next pass retries");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  const worker = {
    stop() {
      clearInterval(timer);
      delete holder.__clinicallCalendarOutbox;
    },
  };
  holder.__clinicallCalendarOutbox = worker;
  return worker;
}
