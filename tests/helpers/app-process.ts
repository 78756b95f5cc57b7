// An app process for the multi-process tests: the webhook and booking route handlers served by
// node:http (the same handlers `next start` serves), the job runner as JOBS says, and the
// product's graceful shutdown on SIGTERM. Prints its URL when it listens.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.env.PUBLIC_BASE_URL = url; // Twilio signs the URL it calls: this server's

const { startJobRunner } = await import("../../src/server/jobs/job-runner");
const { jobDefinitions } = await import("../../src/server/jobs/registry");
const { shutDownGracefully } = await import("../../src/server/lifecycle/graceful-shutdown");
const twilio = await import("../../src/app/api/webhooks/twilio/route");
const ready = await import("../../src/app/api/health/ready/route");
const appointments = await import("../../src/app/api/calendar/appointments/route");

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Record<string, Handler> = {
  "POST /api/webhooks/twilio": twilio.POST as Handler,
  "GET /api/health/ready": ready.GET as Handler,
  "POST /api/calendar/appointments": appointments.POST as Handler,
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

server.on("request", async (req, res) => {
  const target = new URL(req.url ?? "/", url);
  const handler = routes[`${req.method} ${target.pathname}`];
  if (!handler) return void res.writeHead(404).end();
  const body = await readBody(req);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const response = await handler(
    new NextRequest(target, { method: req.method, headers, body: body.length ? new Uint8Array(body) : undefined }),
    { params: Promise.resolve({}) },
  );
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
});

await startJobRunner({ handlers: jobDefinitions() });
process.on("SIGTERM", () => {
  void shutDownGracefully({ closeServer: () => new Promise((resolve) => server.close(() => resolve())) }).then(() => process.exit(0));
});
process.stdout.write(`${url}\n`);
