import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import * as callRoute from "@/app/api/call-logs/[id]/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import * as metricsRoute from "@/app/metrics/route";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { asService } from "@/server/db/access";
import { enqueue } from "@/server/jobs/enqueue";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { sampleValue } from "../helpers/prometheus-text";
import { startRouteServer } from "../helpers/route-server";
import { usingPostgres } from "../helpers/test-database";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";
const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
const app = await startRouteServer({ "/api/webhooks/twilio": twilioRoute.POST, "/api/webhooks/vapi": vapiRoute.POST });
afterAll(async () => {
  await vapi.close();
  await app.close();
});

const test = useTestApp({
  env: () => ({
    METRICS_TOKEN,
    PUBLIC_BASE_URL: app.url,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: VAPI_KEY,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: "vapi-webhook-secret-for-tests",
    VAPI_PHONE_NUMBER_ID: "vapi-default-number",
    VAPI_CALL_TIMEOUT_MS: "800",
    DEMO: "0",
  }),
});

beforeEach(() => vapi.setBehaviour({ kind: "normal" }));

async function scrape(authorization = `Bearer ${METRICS_TOKEN}`) {
  const res = await new ApiClient().call(metricsRoute.GET as never, "GET", "/metrics", { headers: { authorization } });
  return { status: res.status, text: String(res.body), contentType: res.headers.get("content-type") };
}

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  return sampleValue((await scrape()).text, name, labels) ?? 0;
}

async function clinicWithNumber() {
  const f = createFactories(test.db().db);
  const organisation = await f.createOrganisation({ name: "Harbour Dental", timezone: "Europe/London" });
  const number = await f.createPhoneNumber(organisation);
  await f.createAssistantSettings(organisation);
  for (const day of [1, 2, 3, 4, 5]) await f.createWorkingHours(organisation, { dayOfWeek: day });
  await f.createIntent(organisation, { name: "Opening hours", examplePhrases: ["when are you open"], responseEn: "Nine to five." });
  return { organisation, number, f };
}

function call(to: string) {
  return simulateIncomingCall({ baseUrl: app.url, authToken: TWILIO_TOKEN, to, from: "+447700900123" });
}

describe("GET /metrics", () => {
  it("answers only a request with the METRICS_TOKEN bearer token", async () => {
    expect((await scrape("")).status).toBe(401);
    expect((await scrape("Bearer not-the-token")).status).toBe(401);
    expect((await scrape(`Basic ${METRICS_TOKEN}`)).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.text).toContain("# TYPE clinicall_http_request_duration_seconds histogram");
    expect(ok.text).toContain("process_cpu_seconds_total");
  });

  it("counts API requests by route pattern and status, never by raw id", async () => {
    const { client } = await signUpOwner();
    const missing = randomUUID();
    const labels = { method: "GET", route: "/api/call-logs/[id]", status: "404" };
    const before = await metric("clinicall_http_request_duration_seconds_count", labels);
    for (let i = 0; i < 3; i++) {
      const res = await client.get(callRoute.GET, `/api/call-logs/${missing}`, { id: missing });
      expect(res.status).toBe(404);
    }
    const { text } = await scrape();
    expect(sampleValue(text, "clinicall_http_request_duration_seconds_count", labels)).toBe(before + 3);
    expect(sampleValue(text, "clinicall_http_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(before + 3);
    expect(text).not.toContain(missing);
  });

  it("counts incoming calls by outcome, fallbacks by reason, and times the Vapi hand-off", async () => {
    const { number } = await clinicWithNumber();
    const answered = await metric("clinicall_incoming_calls_total", { outcome: "answered", reason: "" });
    const failedOver = await metric("clinicall_incoming_calls_total", { outcome: "fallback", reason: "vapi_http_error" });
    const handOffs = await metric("clinicall_vapi_handoff_seconds_count", { result: "ok" });
    const unregistered = await metric("clinicall_incoming_calls_total", { outcome: "not_registered", reason: "" });

    expect((await call(number.phoneNumber)).status).toBe(200);
    vapi.setBehaviour({ kind: "fail" });
    expect((await call(number.phoneNumber)).status).toBe(200);
    expect((await call("+15005550199")).status).toBe(200);

    const { text } = await scrape();
    expect(sampleValue(text, "clinicall_incoming_calls_total", { outcome: "answered", reason: "" })).toBe(answered + 1);
    expect(sampleValue(text, "clinicall_incoming_calls_total", { outcome: "fallback", reason: "vapi_http_error" })).toBe(failedOver + 1);
    expect(sampleValue(text, "clinicall_incoming_calls_total", { outcome: "not_registered", reason: "" })).toBe(unregistered + 1);
    expect(sampleValue(text, "clinicall_vapi_handoff_seconds_count", { result: "ok" })).toBe(handOffs + 1);
    expect(sampleValue(text, "clinicall_vapi_handoff_seconds_count", { result: "http_error" })).toBeGreaterThanOrEqual(1);
    const webhook = { method: "POST", route: "/api/webhooks/twilio", status: "200" };
    expect(sampleValue(text, "clinicall_http_request_duration_seconds_count", webhook)).toBeGreaterThanOrEqual(3);
  });

  it("reports the age of the oldest calendar change due for Google as the outbox lag", async () => {
    const { organisation, f } = await clinicWithNumber();
    await f.createCalendarConnection(organisation);
    const dueSince = new Date(Date.now() - 90_000);
    await f.createAppointment(organisation, { syncStatus: "pending", syncNextAttemptAt: dueSince });
    expect(await metric("clinicall_calendar_outbox_lag_seconds")).toBeGreaterThanOrEqual(90);
  });

  it("shows background jobs by type and state once the job runner has started", async () => {
    expect(await scrape().then((r) => r.text)).not.toMatch(/^clinicall_jobs\{/m);
    await startJobRunner({ work: false, database: test.db(), databaseUrl: test.db().url });
    try {
      const labels = { type: "calendar.nightly-cleanup", state: "created" };
      const before = await metric("clinicall_jobs", labels);
      await asService((tx) => enqueue(tx, "calendar.nightly-cleanup", {}, { startAfter: new Date(Date.now() + 3_600_000) }));
      const { text } = await scrape();
      expect(sampleValue(text, "clinicall_jobs", labels)).toBe(before + 1);
      expect(sampleValue(text, "clinicall_jobs", { type: "calendar.nightly-cleanup", state: "failed" })).toBe(0);
    } finally {
      await stopJobRunner({ timeoutMs: 1_000 });
    }
  });

  it.runIf(usingPostgres)("shows each Postgres pool's connections (service, user and auth) and how long checkouts waited", async () => {
    const { text } = await scrape();
    for (const pool of ["service", "user", "auth"]) {
      expect(sampleValue(text, "clinicall_db_pool_connections", { pool, state: "total" })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(text, "clinicall_db_pool_connections", { pool, state: "waiting" })).toBe(0);
      expect(sampleValue(text, "clinicall_db_pool_checkout_seconds_count", { pool })).toBeGreaterThan(0);
    }
  });
});

describe("GET /metrics without METRICS_TOKEN: loopback mode", () => {
  async function scrapeFrom(
    peer: string,
    options: { servedBySelf?: boolean; headers?: Record<string, string>; trustedProxies?: string } = {},
  ) {
    const { resetConfigForTests } = await import("@/server/config");
    const saved = { token: process.env.METRICS_TOKEN, proxies: process.env.TRUSTED_PROXIES };
    const marker = globalThis as { __clinicallPeerAddressHeader?: boolean };
    delete process.env.METRICS_TOKEN;
    if (options.trustedProxies) process.env.TRUSTED_PROXIES = options.trustedProxies;
    resetConfigForTests();
    // scripts/serve.mjs marks the process when it sets the peer header itself.
    if (options.servedBySelf !== false) marker.__clinicallPeerAddressHeader = true;
    try {
      const res = await new ApiClient().call(metricsRoute.GET as never, "GET", "/metrics", {
        headers: { "x-clinicall-peer-address": peer, ...options.headers },
      });
      return res.status;
    } finally {
      delete marker.__clinicallPeerAddressHeader;
      process.env.METRICS_TOKEN = saved.token;
      if (saved.proxies === undefined) delete process.env.TRUSTED_PROXIES;
      else process.env.TRUSTED_PROXIES = saved.proxies;
      resetConfigForTests();
    }
  }

  it("serves a loopback peer, IPv4 or IPv6", async () => {
    for (const peer of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(await scrapeFrom(peer), peer).toBe(200);
  });

  it("refuses any other peer, and an unknown one", async () => {
    for (const peer of ["192.0.2.10", "10.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", "", "localhost", "127.0.0.1, 192.0.2.1"]) {
      expect(await scrapeFrom(peer), peer).toBe(403);
    }
  });

  it("refuses a loopback peer header the server did not set itself (a bare next start passes the client's)", async () => {
    expect(await scrapeFrom("127.0.0.1", { servedBySelf: false })).toBe(403);
  });

  it("refuses what a proxy on the same host forwards", async () => {
    expect(await scrapeFrom("127.0.0.1", { headers: { "x-forwarded-for": "127.0.0.1" } })).toBe(403);
    expect(await scrapeFrom("127.0.0.1", { headers: { forwarded: "for=127.0.0.1" } })).toBe(403);
    expect(await scrapeFrom("127.0.0.1", { headers: { "x-real-ip": "127.0.0.1" } })).toBe(403);
    expect(await scrapeFrom("127.0.0.1", { trustedProxies: "127.0.0.1/32" })).toBe(403);
  });

  it("ignores a bearer token when none is configured (loopback decides)", async () => {
    expect(await scrapeFrom("192.0.2.10", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).toBe(403);
  });
});

describe("GET /metrics with METRICS_TOKEN", () => {
  it("needs the token from loopback too", async () => {
    const marker = globalThis as { __clinicallPeerAddressHeader?: boolean };
    marker.__clinicallPeerAddressHeader = true;
    try {
      const res = await new ApiClient().call(metricsRoute.GET as never, "GET", "/metrics", {
        headers: { "x-clinicall-peer-address": "127.0.0.1" },
      });
      expect(res.status).toBe(401);
    } finally {
      delete marker.__clinicallPeerAddressHeader;
    }
  });
});
