import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { closeTrackedHttpServers, trackHttpServers } from "@/server/lifecycle/http-servers";

/**
 * The shutdown's handle on an HTTP server it did not create (scripts/serve.mjs's): tracked from the requests
 * it serves, closed with the requests in flight finishing, and keep-alive connections let go as
 * soon as their response is out (the server's keep-alive timeout here is far longer than the
 * test's timeout, so waiting for it would fail the test). An integration file for its own process:
 * the diagnostics-channel subscription is process-wide.
 */
describe("closing the process's HTTP servers", () => {
  it("finishes the request in flight, refuses new connections, and does not wait for idle keep-alive", async () => {
    trackHttpServers();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === "/slow") {
        arrived();
        void held.then(() => res.end("finished"));
      } else res.end("ok");
    });
    server.keepAliveTimeout = 10 * 60_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const agent = new Agent({ keepAlive: true });
    const get = (path: string, via: Agent | false = agent) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path, agent: via }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        req.end();
      });

    expect(await get("/fast")).toEqual({ status: 200, body: "ok" }); // an idle keep-alive connection remains
    const slow = get("/slow");
    await inFlight;
    const closed = closeTrackedHttpServers();
    await expect(get("/after-close", false)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    release();
    expect(await slow).toEqual({ status: 200, body: "finished" });
    await closed;
    expect(server.listening).toBe(false);
    agent.destroy();
  });
});
