import { shutDownGracefully } from "@/server/lifecycle/graceful-shutdown";
import { log } from "@/server/log";

const holder = globalThis as unknown as { __clinicallStopOnSignal?: boolean };

/**
 * In the Next.js server process: on SIGTERM or SIGINT, Next stops taking connections and
 * finishes the requests in flight (its own handler); alongside, this turns readiness to 503,
 * stops the job runner (running jobs finish within the grace, or go back to the queue) and closes
 * the pools. Registered once per process.
 */
export function stopOnSignal(): void {
  if (holder.__clinicallStopOnSignal) return;
  holder.__clinicallStopOnSignal = true;
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutDownGracefully().catch((error: Error) => log.error({ err: { message: error.message } }, "shutdown failed"));
    });
  }
}
