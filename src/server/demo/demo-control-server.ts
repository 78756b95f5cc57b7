import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { MailCatcher } from "@/providers/email/emulator/mail-catcher";
import { simulatePhoneCall } from "./simulate-phone-call";

export interface DemoControl {
  /** http://127.0.0.1:<port>: the app reaches it as DEMO_CONTROL_URL. */
  url: string;
  /** Random per start; the app sends it as a bearer token (DEMO_CONTROL_TOKEN). */
  token: string;
  close(): Promise<void>;
}

export interface DemoControlOptions {
  /** Where the app listens, e.g. http://127.0.0.1:3000. */
  appUrl: string;
  /** PUBLIC_BASE_URL: what the Twilio signature covers. */
  publicBaseUrl: string;
  twilioAuthToken: string;
  /** The demo's Twilio REST emulator: simulated calls follow the server's live updates (transfers). */
  twilio?: { url: string; accountSid: string };
  /** The demo's mail catcher: `GET /emails` lists what it caught (the Demo inbox page). */
  mail?: Pick<MailCatcher, "messages">;
}

const MAX_BODY_BYTES = 16 * 1024;

/**
 * Demo mode's control endpoint, run by scripts/start.ts next to the emulators, on loopback only:
 * `POST /test-calls` with `{ to, from, caller_says }` places a simulated call against the app
 * (simulate-phone-call.ts) and answers with its outcome. The dashboard's "Place a test call"
 * reaches it through POST /api/demo/test-call, so the app itself never bundles the simulator.
 * `GET /emails` answers the emails the demo's mail catcher caught (GET /api/demo/inbox).
 */
export async function startDemoControlServer(options: DemoControlOptions): Promise<DemoControl> {
  const token = randomBytes(24).toString("hex");
  const server = createServer((req, res) => {
    handle(req, res, token, options).catch((error: unknown) => answer(res, 500, { error: (error as Error).message }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, token: string, options: DemoControlOptions): Promise<void> {
  const route = `${req.method} ${req.url}`;
  if (route !== "POST /test-calls" && route !== "GET /emails") return answer(res, 404, { error: "not found" });
  if (!sameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) return answer(res, 401, { error: "unauthorised" });
  if (route === "GET /emails") return answer(res, 200, { emails: options.mail?.messages() ?? [] });
  const body = await readBody(req);
  const input = body as { to?: unknown; from?: unknown; caller_says?: unknown } | null;
  const callerSays = input?.caller_says;
  if (
    typeof input?.to !== "string" ||
    typeof input.from !== "string" ||
    !Array.isArray(callerSays) ||
    !callerSays.every((line) => typeof line === "string")
  ) {
    return answer(res, 400, { error: "expected { to, from, caller_says: string[] }" });
  }
  const result = await simulatePhoneCall({
    appUrl: options.appUrl,
    publicBaseUrl: options.publicBaseUrl,
    twilioAuthToken: options.twilioAuthToken,
    twilio: options.twilio,
    to: input.to,
    from: input.from,
    callerSays,
  });
  answer(res, 200, result);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
