// Serves the app's own route handlers for the mixed-load benchmark in a process of its own, as
// in production: the Twilio voice webhook, the call list, the CSV export, log-in and /metrics. The
// database is the one the app opens from its configuration (DATABASE_URL and the pool settings),
// so the pools measured are the app's. Prints one JSON line {"url": ...} when it listens; serves
// until killed.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline, Readable } from "node:stream";
import { NextRequest } from "next/server";
import { callsFirstLane } from "../../scripts/calls-first-lane.mjs";
import { HANDLER_MS_HEADER } from "./handler-time";
import { recordStallsUntilStopped } from "./process-stalls";

recordStallsUntilStopped("app-server");

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const server = createServer();
const url = await new Promise<string>((resolve) =>
  server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
);
process.env.PUBLIC_BASE_URL = url; // Twilio signs the URL it calls: this server's

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Record<string, Handler> = {
  "POST /api/webhooks/twilio": (await import("../../src/app/api/webhooks/twilio/route")).POST,
  "GET /api/call-logs": (await import("../../src/app/api/call-logs/route")).GET as Handler,
  "GET /api/call-logs/export.csv": (await import("../../src/app/api/call-logs/export.csv/route")).GET as Handler,
  "GET /metrics": (await import("../../src/app/metrics/route")).GET,
  "POST /api/auth/login": (await import("../../src/app/api/auth/login/route")).POST as Handler,
};
// As scripts/serve.mjs does: the app reads the TCP peer from this header, set here on every
// request (replacing a client's copy); X-Forwarded-For counts only from TRUSTED_PROXIES.
const { PEER_ADDRESS_HEADER } = await import("../../src/server/http/client-address");
(globalThis as { __clinicallPeerAddressHeader?: boolean }).__clinicallPeerAddressHeader = true;
const { getDatabase } = await import("../../src/server/db/database");
await getDatabase();

// As scripts/serve.mjs does: the phone's webhooks start as they arrive, other requests a few per turn of the loop.
const admit = callsFirstLane();
server.on("request", (req, res) => {
  const received = performance.now();
  admit(req.url ?? "/", () => void serve(req, res, received));
});

async function serve(req: IncomingMessage, res: ServerResponse, received: number) {
  const target = new URL(req.url ?? "/", url);
  const handler = routes[`${req.method} ${target.pathname}`];
  if (!handler) return res.writeHead(404).end();
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  headers.set(PEER_ADDRESS_HEADER, req.socket.remoteAddress ?? "");
  const body = req.method === "POST" ? new Uint8Array(await readBody(req)) : undefined;
  let response: Response;
  try {
    response = await handler(new NextRequest(target, { method: req.method, headers, body }), { params: Promise.resolve({}) });
  } catch {
    return res.writeHead(500).end(); // what Next answers for a handler that throws
  }
  // Every header the route set (Retry-After on a 503 busy, the request id), as Next passes them.
  // How long the request spent in this process from its arrival to its answer's headers: the
  // suites split what the client saw into the server's part and the rest (transport, client).
  res.writeHead(response.status, {
    ...Object.fromEntries(response.headers),
    [HANDLER_MS_HEADER]: (performance.now() - received).toFixed(2),
  });
  if (!response.body) return res.end();
  // A stream that fails midway (an export batch that could not get a connection) aborts the
  // response, as Next does; the client sees a cut-off body.
  // A client that goes away cancels the body's stream (an export then gives back its slot), as Next does.
  pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res, () => {});
}

process.stdout.write(`${JSON.stringify({ url })}\n`);
