// Serves the Twilio voice webhook for the webhook benchmark in a process of its own, as the app
// is in production: the callers (the load generator) then do not share its event loop. Two
// node:http servers: the app's route handler, and the floor (a bare handler doing the same
// database work). Configuration comes from the environment the suite sets. Prints one JSON line
// {"route": url, "floor": url} when both listen; serves until killed.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const routeServer = createServer();
const routeUrl = await listen(routeServer);
process.env.PUBLIC_BASE_URL = routeUrl; // Twilio signs the URL it calls: this server's

const { openDatabase } = await import("../../src/server/db/connection");
const db = await import("../../src/server/db/database");
const { asService } = await import("../../src/server/db/access");
const { POST } = await import("../../src/app/api/webhooks/twilio/route");
const { loadCallContext } = await import("../../src/server/calls/load-call-context");
const { claimCall, recordHandOff } = await import("../../src/server/calls/record-call-start");
db.setDatabase(await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 20 }));

routeServer.on("request", async (req, res) => {
  const body = await readBody(req);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const response = await POST(new NextRequest(new URL(req.url ?? "/", routeUrl), { method: "POST", headers, body: new Uint8Array(body) }));
  res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "text/plain" });
  res.end(Buffer.from(await response.arrayBuffer()));
});

const floorServer = createServer(async (req, res) => {
  const params = new URLSearchParams((await readBody(req)).toString("utf8"));
  const to = params.get("To")!;
  await asService(async (tx) => {
    const ctx = await loadCallContext(tx, to);
    const id = await claimCall(tx, {
      organisationId: ctx!.organisation.id,
      phoneNumberId: ctx!.phoneNumberId,
      twilioCallSid: params.get("CallSid")!,
      fromNumber: params.get("From"),
      toNumber: to,
    });
    await recordHandOff(tx, ctx!.organisation.id, id!, { twiml: "<Response/>", vapiCallId: `floor-${id}` });
  });
  res.writeHead(200, { "content-type": "text/xml" }).end("<Response/>");
});
const floorUrl = await listen(floorServer);

process.stdout.write(`${JSON.stringify({ route: routeUrl, floor: floorUrl })}\n`);
