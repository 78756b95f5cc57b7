import { connectDemoCalendar } from "@/server/demo/connect-demo-calendar";
import { getConfig } from "@/server/config";
import { startJobRunner } from "@/server/jobs/job-runner";
import { log } from "@/server/log";
import { stopOnSignal } from "./stop-on-signal";

/**
 * What the server process runs besides answering requests, started once from instrumentation:
 * the job runner (working jobs, among them the calendar outbox pass, unless JOBS=off) and, in
 * demo mode, connecting the demo clinic's calendar to the Google emulator. Neither may stop the
 * server from starting; /api/health/ready reports a runner that failed to start.
 */
export async function startBackgroundWork(): Promise<void> {
  stopOnSignal();
  try {
    await startJobRunner();
  } catch (error) {
    log.error({ err: { message: (error as Error).message } }, "the job runner could not start");
  }
  try {
    if (!getConfig().demo) return;
    const outcome = await connectDemoCalendar();
    if (outcome === "connected") log.info("demo: the demo clinic's calendar is connected to the Google emulator");
  } catch (error) {
    log.warn({ err: { message: (error as Error).message } }, "background work could not start completely");
  }
}
