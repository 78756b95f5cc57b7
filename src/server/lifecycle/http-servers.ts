import { subscribe } from "node:diagnostics_channel";
import type { Server } from "node:http";

interface Tracked {
  servers: Set<Server>;
  closing: boolean;
}
const holder = globalThis as unknown as { __clinicallHttpServers?: Tracked };

/**
 * Remembers the HTTP servers of this process as they serve requests, through Node's documented
 * `http.server.request.start` diagnostics channel. In the server process the server is
 * scripts/serve.mjs's (or Next's own under `next start`), which the app code has no other handle
 * on; knowing it lets the shutdown stop taking connections and wait for the requests in flight. A server that served nothing has nothing in
 * flight. Registered once per process.
 */
export function trackHttpServers(): void {
  if (holder.__clinicallHttpServers) return;
  const tracked: Tracked = { servers: new Set(), closing: false };
  holder.__clinicallHttpServers = tracked;
  subscribe("http.server.request.start", (message) => {
    const server = (message as { server?: Server }).server;
    if (server) tracked.servers.add(server);
  });
  // While closing, a keep-alive connection whose last response just went out is idle: close it
  // then, rather than when the keep-alive timeout ends, so the server's close completes.
  subscribe("http.server.response.finish", (message) => {
    const server = (message as { server?: Server }).server;
    if (tracked.closing && server) setImmediate(() => server.closeIdleConnections());
  });
}

/** Stops every tracked server taking connections; resolves when their requests in flight are done. */
export async function closeTrackedHttpServers(): Promise<void> {
  const tracked = holder.__clinicallHttpServers;
  if (!tracked) return;
  tracked.closing = true;
  await Promise.all(
    [...tracked.servers].map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    ),
  );
}
