import { shutDownGracefully } from "@/server/lifecycle/graceful-shutdown";
import { closeTrackedHttpServers, trackHttpServers } from "@/server/lifecycle/http-servers";
import { log } from "@/server/log";

const holder = globalThis as unknown as { __clinicallStopOnSignal?: boolean };

/**
 * In the server process, on SIGTERM or SIGINT: readiness turns 503, the HTTP server stops taking
 * connections and finishes the requests in flight, the job runner lets running jobs finish (or
 * hands them back to the queue), the pools close, and the process exits 0.
 *
 * The server (scripts/serve.mjs) leaves the signals to this handler once it is registered (the
 * flag below). It knows the server from the requests it serves (lifecycle/http-servers.ts). Under
 * a bare `next start`, set NEXT_MANUAL_SIG_HANDLE=1: Next's own handler would otherwise exit as
 * soon as the requests are done, cutting off a job still running here until its timeout.
 */
export function stopOnSignal(): void {
  if (holder.__clinicallStopOnSignal) return;
  holder.__clinicallStopOnSignal = true;
  trackHttpServers();
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "server stopping");
      void shutDownGracefully({ closeServer: closeTrackedHttpServers }).then(
        () => {
          log.info("server stopped: requests finished, job runner stopped, pools closed");
          process.exit(0);
        },
        (error: Error) => {
          log.error({ err: { message: error.message } }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}
