import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolveUrls } from "./database";
import { spawnBenchProcess } from "./spawn-process";
import { spawnVapiEmulator } from "./spawn-vapi-emulator";

/** The Twilio auth token the bench app server checks signatures with (sign calls with it). */
export const BENCH_TWILIO_TOKEN = "bench-twilio-token";
const VAPI_KEY = "bench-vapi-key";

/**
 * The load suites' app: the Vapi emulator in a process of its own, and the app server
 * (app-server-process.ts) on the bench database, configured to hand calls to that emulator.
 * `env` adds to the configuration (a metrics token, trusted proxies). `close` stops both.
 */
export async function spawnAppServer(env: Record<string, string> = {}) {
  const vapi = await spawnVapiEmulator(VAPI_KEY);
  let server: ChildProcess;
  let firstLine: string;
  try {
    ({ firstLine, child: server } = await spawnBenchProcess("app-server-process.ts", [], {
      DATABASE_URL: resolveUrls().bench,
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      TWILIO_AUTH_TOKEN: BENCH_TWILIO_TOKEN,
      VAPI_API_KEY: VAPI_KEY,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: "bench-vapi-webhook-secret",
      VAPI_PHONE_NUMBER_ID: "bench-vapi-number",
      DEMO: "0",
      ...env,
    }));
  } catch (error) {
    vapi.close();
    throw error;
  }
  const { url } = JSON.parse(firstLine) as { url: string };
  return {
    url,
    serverPid: server.pid!,
    vapi,
    close() {
      server.kill();
      vapi.close();
    },
  };
}
