// Suite: calls first during a log-in flood. The Twilio voice webhook at a steady rate, alone and
// while 200 clients log in at once, over and over: password hashing must not delay the phone.
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { signTwilioRequest } from "../../src/providers/twilio/signature";
import { cpuTable, loadSuiteCpuMeter } from "../lib/cpu-time";
import { resolveUrls } from "../lib/database";
import { spawnBenchProcess } from "../lib/spawn-process";
import { spawnVapiEmulator } from "../lib/spawn-vapi-emulator";
import { ms, percentile } from "../lib/stats";
import { CALLS_PER_SECOND, type CallResult, MEASURE_SECONDS, steadyCalls, summary } from "./mixed-load";
import { prepareClinics } from "./twilio-webhook";
import type { BenchContext, Suite, SuiteResult, Target } from "./types";

const WARMUP_SECONDS = 5;
/** Concurrent log-ins: each client logs in, and as soon as it is answered, logs in again. */
const LOGIN_CLIENTS = 200;
/** Distinct accounts the clients log in as (a correct password each, so every attempt hashes). */
const ACCOUNTS = 20;
const ALONE_RATIO_LIMIT = 2;
const TWILIO_TOKEN = "bench-twilio-token";
const VAPI_KEY = "bench-vapi-key";
const PASSWORD = "bench log-in flood password";
const EMAIL_DOMAIN = "login-flood.bench.invalid";
// Call SIDs are "CA" + 32 hex digits; this prefix marks this suite's calls for clean-up.
const SID_PREFIX = "CAddddddd";

export const loginFloodSuite: Suite = {
  id: "login-flood",
  title: "Calls first: the webhook during a log-in flood",
  description:
    `The Twilio voice webhook at a steady ${CALLS_PER_SECOND} calls/s for ${MEASURE_SECONDS} s, first alone and then while ` +
    `${LOGIN_CLIENTS} clients log in at once, each from its own address (X-Forwarded-For from a trusted proxy), as ${ACCOUNTS} accounts with their ` +
    "correct password (every attempt verifies an argon2id hash; wrong passwords would be throttled before hashing), and " +
    "again as soon as they are signed in; refused, they behave as the sign-in page does: after a 503 busy or a 429 they " +
    "wait the advised Retry-After (spread by up to half again), then try again. " +
    "The log-ins go through the app's route handler (throttling, the bounded hashing slots, the auth pool) in the same " +
    "server process as the webhook. Target: the webhook's p99 during the flood within 2x of its p99 alone.",

  async run(context: BenchContext): Promise<SuiteResult> {
    const urls = resolveUrls();
    const numbers = await prepareClinics(context);
    const emails = Array.from({ length: ACCOUNTS }, (_, i) => `flood-${i}@${EMAIL_DOMAIN}`);
    const passwordHash = await hash(PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await context.client.query(
      `insert into auth.users (email, encrypted_password) select unnest($1::text[]), $2
       on conflict (email) do update set encrypted_password = excluded.encrypted_password`,
      [emails, passwordHash],
    );
    const vapi = await spawnVapiEmulator(VAPI_KEY);
    const { firstLine, child: server } = await spawnBenchProcess("app-server-process.ts", [], {
      DATABASE_URL: urls.bench,
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      VAPI_API_KEY: VAPI_KEY,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: "bench-vapi-webhook-secret",
      VAPI_PHONE_NUMBER_ID: "bench-vapi-number",
      DEMO: "0",
      // The flood comes from many addresses (a proxy in front names each): per-address throttling
      // then never stops it, and every attempt verifies a hash. Loopback is the proxy here.
      TRUSTED_PROXIES: "127.0.0.1,::1",
    }).catch((error: unknown) => {
      vapi.close();
      throw error;
    });
    const { url: appUrl } = JSON.parse(firstLine) as { url: string };

    let sequence = 0;
    const placeCall = async (): Promise<CallResult> => {
      const params = {
        CallSid: `${SID_PREFIX}${(++sequence).toString(16).padStart(25, "0")}`,
        To: numbers[sequence % numbers.length]!,
        From: "+447700900123",
        CallStatus: "ringing",
        Direction: "inbound",
      };
      const url = `${appUrl}/api/webhooks/twilio`;
      const headers = {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest({ authToken: TWILIO_TOKEN, url, params }),
      };
      const t0 = performance.now();
      try {
        const response = await fetch(url, { method: "POST", headers, body: new URLSearchParams(params) });
        const body = await response.text();
        return { ms: performance.now() - t0, status: response.status, handedOff: response.status === 200 && /<Connect[\s>]/.test(body) };
      } catch {
        return { ms: performance.now() - t0, status: 0, handedOff: false };
      }
    };

    let stop = false;
    const logins: number[] = [];
    const statuses: Record<string, number> = {};
    // As the sign-in page behaves: a 503 busy is asked again after its Retry-After (retryWhenBusy,
    // src/lib/busy-retry.ts), a 429 shows its wait and the person tries again after it; a success
    // logs in again at once.
    const pause = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000 * (1 + Math.random() * 0.5)));
    const loginClient = async (client: number) => {
      const email = emails[client % emails.length]!;
      while (!stop) {
        const t0 = performance.now();
        let status = 0;
        let code = "";
        let retryAfter = 0;
        try {
          const response = await fetch(`${appUrl}/api/auth/login`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: appUrl, "x-forwarded-for": `10.77.${client >> 8}.${client & 255}` },
            body: JSON.stringify({ email, password: PASSWORD }),
          });
          const text = await response.text();
          status = response.status;
          retryAfter = Number(response.headers.get("retry-after")) || 0;
          // A refusal is counted with its error code ("503 busy", "500 internal").
          code = status >= 400 ? (/"code":"([a-z_]+)"/.exec(text.slice(0, 200))?.[1] ?? "") : "";
        } catch {
          // counted under status 0
        }
        const key = code ? `${status} ${code}` : String(status);
        statuses[key] = (statuses[key] ?? 0) + 1;
        logins.push(performance.now() - t0);
        if ((status === 503 || status === 429) && retryAfter > 0 && !stop) await pause(Math.min(retryAfter, 30));
      }
    };

    try {
      const callsBefore = await vapi.callsCreated();
      context.log(
        `  log-in flood: ${WARMUP_SECONDS} s warm-up, ${MEASURE_SECONDS} s of calls alone, ${MEASURE_SECONDS} s with ${LOGIN_CLIENTS} log-in clients`,
      );
      // Warm-up: calls, and a few log-ins (the first loads code the log-in path imports on first use).
      await steadyCalls(WARMUP_SECONDS, placeCall);
      for (const email of emails.slice(0, 3)) {
        await fetch(`${appUrl}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: appUrl, "x-forwarded-for": "10.78.0.1" },
          body: JSON.stringify({ email, password: PASSWORD }),
        }).then((response) => response.text());
      }
      const cpu = loadSuiteCpuMeter(server.pid!, vapi.pid);
      const cpu0 = cpu.snapshot();
      const alone = summary(await steadyCalls(MEASURE_SECONDS, placeCall));
      const cpu1 = cpu.snapshot();
      const clients = Array.from({ length: LOGIN_CLIENTS }, (_, i) => loginClient(i));
      const flooded = summary(await steadyCalls(MEASURE_SECONDS, placeCall));
      const cpu2 = cpu.snapshot();
      stop = true;
      await Promise.all(clients);
      const vapiCalls = (await vapi.callsCreated()) - callsBefore;
      const placed = (WARMUP_SECONDS + 2 * MEASURE_SECONDS) * CALLS_PER_SECOND;
      const ratio = flooded.p99 / alone.p99;
      const sortedLogins = [...logins].sort((a, b) => a - b);
      const signedIn = statuses[200] ?? 0;

      const targets: Target[] = [
        {
          id: "login-flood-vs-alone",
          description: `Webhook p99 during ${LOGIN_CLIENTS} concurrent log-ins within ${ALONE_RATIO_LIMIT}x of its p99 alone`,
          metric: "p99 during the flood / p99 alone",
          value: ratio,
          limit: ALONE_RATIO_LIMIT,
          unit: "x",
          pass: ratio <= ALONE_RATIO_LIMIT,
        },
      ];
      const row = (name: string, s: ReturnType<typeof summary>) =>
        `| ${name} | ${s.calls.toLocaleString("en")} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.fallbacks} | ${s.slowestAt.join(", ")} |`;
      return {
        measurements: [],
        targets,
        checks: [
          {
            description: "no call fell back: every webhook answered 200 with Vapi's TwiML, one Vapi call each",
            pass: alone.fallbacks === 0 && flooded.fallbacks === 0 && vapiCalls === placed,
            detail: `fallbacks alone ${alone.fallbacks}, during the flood ${flooded.fallbacks}; Vapi calls ${vapiCalls} of ${placed} placed`,
          },
          {
            description:
              "the flood really hashed: log-ins were answered, most of them signed in (503 busy beyond the hashing queue is by design)",
            pass: signedIn > 0 && Object.keys(statuses).every((s) => s === "200" || s === "503 busy"),
            detail: `${logins.length} log-ins; statuses ${JSON.stringify(statuses)}`,
          },
        ],
        notes: [
          `Alone the webhook's p99 is ${ms(alone.p99)} ms; during the flood it is ${ms(flooded.p99)} ms (${ratio.toFixed(2)}x), ` +
            `while ${LOGIN_CLIENTS} clients made ${logins.length.toLocaleString("en")} log-ins (${signedIn.toLocaleString("en")} signed in, ` +
            `p50 ${ms(percentile(sortedLogins, 50))} ms, p99 ${ms(percentile(sortedLogins, 99))} ms).`,
          "Hashing runs in bounded slots off the database connection, on worker threads at nice 19, and log-ins use the auth " +
            "pool: the flood competes with the webhook for CPU only, and the scheduler gives the hashes what the calls leave. " +
            "The callers, the clients, the server, the Vapi emulator and Postgres share the machine (the CPU table says who used what).",
        ],
        sections: [
          {
            title: `Webhook at ${CALLS_PER_SECOND} calls/s, ${MEASURE_SECONDS} s each, alone and during the log-in flood`,
            markdown: [
              "| phase | calls | p50 ms | p99 ms | max ms | fallbacks | slowest 1% placed at (s into the phase) |",
              "|---|---|---|---|---|---|---|",
              row("webhook alone", alone),
              row(`webhook + ${LOGIN_CLIENTS} concurrent log-ins`, flooded),
              "",
              cpuTable([
                { name: "webhook alone", seconds: MEASURE_SECONDS, usage: cpu.between(cpu0, cpu1) },
                { name: "webhook + log-in flood", seconds: MEASURE_SECONDS, usage: cpu.between(cpu1, cpu2) },
              ]),
            ].join("\n"),
          },
        ],
        data: {
          alone,
          flooded,
          ratio,
          logins: logins.length,
          statuses,
          vapiCalls,
          placed,
          cpu: { alone: cpu.between(cpu0, cpu1), flood: cpu.between(cpu1, cpu2) },
        },
      };
    } finally {
      stop = true;
      server.kill();
      vapi.close();
      await context.client.query(`delete from public.calls where twilio_call_sid like '${SID_PREFIX}%'`);
      await context.client.query(`delete from public.user_sessions where user_id in (select id from auth.users where email like $1)`, [
        `%@${EMAIL_DOMAIN}`,
      ]);
      await context.client.query(`delete from public.login_throttle_buckets`).catch(() => {});
      await context.client.query(`delete from auth.users where email like $1`, [`%@${EMAIL_DOMAIN}`]);
    }
  },
};
