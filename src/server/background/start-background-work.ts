import { reportEmailStatus } from "@/server/email/email-status";
import { startJobRunner } from "@/server/jobs/job-runner";
import { jobDefinitions } from "@/server/jobs/registry";
import { log } from "@/server/log";
import { stopOnSignal } from "./stop-on-signal";

/**
 * What the server process runs besides answering requests, started once from instrumentation:
 * the job runner (working jobs, among them the calendar outbox pass, unless JOBS=off). It may
 * not stop the server from starting; /api/health/ready reports a runner that failed to start.
 * (Demo mode's set-up runs in scripts/start.ts, before the server starts.)
 */
export async function startBackgroundWork(): Promise<void> {
  stopOnSignal();
  reportEmailStatus();
  try {
    await startJobRunner({ handlers: jobDefinitions() });
  } catch (error) {
    log.error({ err: { message: (error as Error).message } }, "the job runner could not start");
  }
}
