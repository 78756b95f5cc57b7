import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * A real HTTP server on loopback that serves the given route handlers, so emulators and the
 * caller simulator can reach the app over the network exactly as Twilio and Vapi do. As in
 * Next's server, the request body reaches the handler as a stream it may read or leave.
 */
export async function startRouteServer(routes: Record<string, Handler>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    // A handler that throws answers 500, as Next does, instead of an unhandled rejection.
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const handler = routes[url.pathname];
    if (!handler) {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const body = hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined;
    const init = { method: req.method, headers, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1];
    const response = await handler(new NextRequest(url, init), { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
    // A body the handler left unread is not drained: the connection closes instead.
    if (!req.complete) req.destroy();
  }
  // Longer than any pause in a test: Node's default of 5 s closes a pooled socket while a busy
  // client is about to reuse it, and that request fails with ECONNRESET.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
