import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import * as loginRoute from "@/app/api/auth/login/route";
import * as intentsRoute from "@/app/api/intents/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as twilioStatusRoute from "@/app/api/webhooks/twilio/status/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { BODY_LIMITS } from "@/server/http/read-body";
import { useTestApp } from "../helpers/api";
import { startRouteServer } from "../helpers/route-server";

const VAPI_SECRET = "vapi-webhook-secret-for-tests";
const app = await startRouteServer({
  "/api/webhooks/twilio": twilioRoute.POST,
  "/api/webhooks/twilio/status": twilioStatusRoute.POST,
  "/api/webhooks/vapi": vapiRoute.POST,
  "/api/intents": intentsRoute.POST,
  "/api/auth/login": loginRoute.POST,
});
afterAll(() => app.close());

useTestApp({
  env: () => ({
    PUBLIC_BASE_URL: app.url,
    TWILIO_AUTH_TOKEN: "twilio-test-auth-token",
    VAPI_API_KEY: "vapi-test-key",
    VAPI_WEBHOOK_SECRET: VAPI_SECRET,
    DEMO: "0",
  }),
});

const MB = 1024 * 1024;

interface Outcome {
  status: number;
  body: string;
  bytesSent: number;
  rssGrowth: number;
}

/**
 * Streams `totalBytes` of `fill` to a route (chunked, or with the length declared), as fast as
 * the server takes them, and watches this process's RSS (client and server share it) until
 * the answer arrives.
 */
function sendHuge(path: string, headers: Record<string, string>, totalBytes: number, declareLength = false): Promise<Outcome> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let bytesSent = 0;
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}${path}`, {
      method: "POST",
      headers: { origin: app.url, ...headers, ...(declareLength ? { "content-length": String(totalBytes) } : {}) },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), bytesSent, rssGrowth: rssPeak - rssBefore });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && bytesSent < totalBytes) {
        bytesSent += chunk.length;
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("a 200 MB body never moves the server's memory", () => {
  const cases: [string, number, string, Record<string, string>, boolean][] = [
    ["unsigned Vapi webhook", 401, "/api/webhooks/vapi", { "content-type": "application/json" }, false],
    [
      "Vapi webhook with the right secret",
      413,
      "/api/webhooks/vapi",
      { "content-type": "application/json", "x-vapi-secret": VAPI_SECRET },
      false,
    ],
    [
      "Vapi webhook with the right secret, length declared",
      413,
      "/api/webhooks/vapi",
      { "content-type": "application/json", "x-vapi-secret": VAPI_SECRET },
      true,
    ],
    ["unsigned Twilio webhook", 403, "/api/webhooks/twilio", { "content-type": "application/x-www-form-urlencoded" }, false],
    [
      "Twilio webhook with a signature header",
      413,
      "/api/webhooks/twilio/status",
      { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "c2lnbmF0dXJl" },
      false,
    ],
    ["JSON API, signed out", 401, "/api/intents", { "content-type": "application/json" }, false],
    ["JSON API log-in", 413, "/api/auth/login", { "content-type": "application/json" }, false],
  ];
  it.each(cases)("%s → %i", async (_name, status, path, headers, declareLength) => {
    // The route answered once first: code it loads on its first request is not the body's growth.
    await sendHuge(path, headers, 0, true);
    const outcome = await sendHuge(path, headers, 200 * MB, declareLength);
    expect(outcome.status).toBe(status);
    if (status === 413) {
      expect(JSON.parse(outcome.body)).toMatchObject({
        error: { code: "payload_too_large", details: { limit_bytes: expect.any(Number) } },
      });
    }
    expect(outcome.bytesSent).toBeLessThan(200 * MB);
    expect(outcome.rssGrowth).toBeLessThan(24 * MB);
  });
});

describe("each route reads up to its documented limit and no further", () => {
  it.each([
    ["/api/webhooks/vapi", BODY_LIMITS.vapiWebhook, { "x-vapi-secret": VAPI_SECRET }],
    ["/api/webhooks/twilio/status", BODY_LIMITS.twilioForm, { "x-twilio-signature": "c2lnbmF0dXJl" }],
    ["/api/auth/login", BODY_LIMITS.json, {}],
  ] as const)("%s: past %i bytes is 413, at the limit the body is read", async (path, limit, headers) => {
    const over = await sendHuge(path, headers, limit + 64 * 1024);
    expect(over.status).toBe(413);
    const at = await sendHuge(path, headers, limit);
    expect(at.status).not.toBe(413);
    expect(at.status).toBeLessThan(500);
  });
});
