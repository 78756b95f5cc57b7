import { startCalendarOutboxWorker } from "@/server/calendar/outbox/start-outbox-worker";
import { connectDemoCalendar } from "@/server/demo/connect-demo-calendar";
import { getConfig } from "@/server/config";
import { log } from "@/server/log";

/**
 * What the server process runs besides answering requests, started once from instrumentation:
 * the calendar outbox worker and, in demo mode, connecting the demo clinic's calendar to the
 * Google emulator. Neither may stop the server from starting.
 */
export async function startBackgroundWork(): Promise<void> {
  try {
    startCalendarOutboxWorker();
    if (!getConfig().demo) return;
    const outcome = await connectDemoCalendar();
    if (outcome === "connected") log.info("demo: the demo clinic's calendar is connected to the Google emulator");
  } catch (error) {
    log.warn({ err: { message: (error as Error).message } }, "background work could not start completely");
  }
}
