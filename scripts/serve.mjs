// The HTTP server the app runs in (started by scripts/start.ts, in production and in dev): Next.js
// behind a plain node:http server, so that each request carries the address of the connection
// it came on. Next.js route handlers cannot see the socket, and `next start` passes a client's
// own X-Forwarded-For through as it came; so this server sets `x-clinicall-peer-address` to the
// TCP peer on every request, replacing any copy the client sent, and the app decides from it and
// TRUSTED_PROXIES whose X-Forwarded-For to believe (src/server/http/client-address.ts).
// It also puts the security headers on every response, with a per-request CSP nonce that Next.js
// stamps on its scripts (scripts/security-headers.mjs), and starts the phone's webhooks ahead of
// everything else (scripts/calls-first-lane.mjs).
//
//   node scripts/serve.mjs [--dev]     HOST, PORT and PUBLIC_BASE_URL from the environment (start.ts sets them)
import { createServer } from "node:http";
import { callsFirstLane } from "./calls-first-lane.mjs";
import { applySecurityHeaders } from "./security-headers.mjs";
import { SERVER_TIMEOUTS } from "./server-timeouts.mjs";

const dev = process.argv.includes("--dev");
process.env.NODE_ENV = dev ? "development" : (process.env.NODE_ENV ?? "production");
const hostname = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const PEER_ADDRESS_HEADER = "x-clinicall-peer-address";
// Tells the app (same process) that the peer header is this server's, not a client's
// (src/server/http/client-address.ts, knownPeerAddress: /metrics in loopback mode).
globalThis.__clinicallPeerAddressHeader = true;
const securityHeaderOptions = { publicBaseUrl: process.env.PUBLIC_BASE_URL || `http://localhost:${port}`, dev };

const { default: next } = await import("next");
const app = next({ dev, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

// Calls first: the phone's webhooks start as they arrive, other requests a few per turn of the loop.
const admit = callsFirstLane();
const server = createServer(SERVER_TIMEOUTS, (req, res) => {
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  applySecurityHeaders(req, res, securityHeaderOptions);
  admit(req.url ?? "/", () => void handle(req, res));
});
const upgrade = app.getUpgradeHandler();
server.on("upgrade", (req, socket, head) => {
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  void upgrade(req, socket, head);
});
server.listen(port, hostname, () => {
  process.stdout.write(`Listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}\n`);
});
// Stopping belongs to the app (src/server/background/stop-on-signal.ts, registered from
// instrumentation): it closes this server and waits for the requests in flight, then for the
// running jobs, closes the pools and exits. Exiting here as well would cut off a running job.
// Only a signal that comes before the app registered its handler stops the server from here.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (globalThis.__clinicallStopOnSignal) return;
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
