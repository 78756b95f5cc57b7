import { closeDatabase } from "@/server/db/database";
import { stopJobRunner } from "@/server/jobs/job-runner";
import { log } from "@/server/log";
import { markShuttingDown } from "./shutdown-state";

/** How long a stop waits for in-flight requests and running jobs (Twilio waits 15 s for a webhook). */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops this process in order: readiness turns 503, the HTTP server (when given) stops taking
 * connections and finishes the requests in flight, the job runner takes no new job and lets
 * running ones finish (those still running when the grace ends go back to the queue as retries),
 * then the database pools close. Bounded by `graceMs` for the requests and again for the jobs.
 */
export async function shutDownGracefully(options: { closeServer?: () => Promise<void>; graceMs?: number } = {}): Promise<void> {
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  markShuttingDown();
  log.info("shutting down: finishing in-flight requests and running jobs");
  if (options.closeServer) {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn({ graceMs }, "in-flight requests still running at the end of the grace period");
        resolve();
      }, graceMs);
    });
    await Promise.race([options.closeServer(), expired]);
    clearTimeout(timer);
  }
  await stopJobRunner({ timeoutMs: graceMs });
  await closeDatabase();
}
