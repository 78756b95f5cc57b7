import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { SERVER_TIMEOUTS } from "../../scripts/server-timeouts.mjs";

/**
 * A child process creates its server as scripts/serve.mjs does (createServer(SERVER_TIMEOUTS,
 * listener)); a client then sends half its headers and nothing more: the server answers 408.
 */
const child = String.raw`
import { createServer } from "node:http";
import net from "node:net";
const { SERVER_TIMEOUTS } = await import(process.argv[1]);
const server = createServer(SERVER_TIMEOUTS, (req, res) => res.end("ok"));
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  const settings = { headersTimeout: server.headersTimeout, requestTimeout: server.requestTimeout };
  const socket = net.connect(port, "127.0.0.1", () => socket.write("POST / HTTP/1.1\r\nHost: x\r\n"));
  let answer = "";
  socket.on("data", (d) => (answer += d));
  socket.on("close", () => {
    process.stdout.write(JSON.stringify({ settings, answer: answer.split("\r\n")[0] }));
    server.close();
  });
});
`;

describe("the server's slow-client timeouts (scripts/server-timeouts.mjs)", () => {
  it("are what scripts/serve.mjs creates its server with", () => {
    expect(readFileSync(path.resolve("scripts/serve.mjs"), "utf8")).toContain("createServer(SERVER_TIMEOUTS,");
    expect(SERVER_TIMEOUTS.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(SERVER_TIMEOUTS.requestTimeout).toBeLessThanOrEqual(30_000);
  });

  it("answer 408 to a client that never finishes its headers", async () => {
    const moduleUrl = pathToFileURL(path.resolve("scripts/server-timeouts.mjs")).href;
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(process.execPath, ["--input-type=module", "-e", child, moduleUrl], { stdio: ["ignore", "pipe", "inherit"] });
      let text = "";
      p.stdout.on("data", (d) => {
        text += d;
      });
      p.on("error", reject);
      p.on("exit", () => resolve(text));
    });
    const result = JSON.parse(out) as { settings: Record<string, number>; answer: string };
    expect(result.settings).toEqual({ headersTimeout: SERVER_TIMEOUTS.headersTimeout, requestTimeout: SERVER_TIMEOUTS.requestTimeout });
    expect(result.answer).toBe("HTTP/1.1 408 Request Timeout");
  }, 30_000);
});
