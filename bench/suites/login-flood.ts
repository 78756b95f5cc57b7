// Suite: calls first during a log-in flood. The Twilio voice webhook at a steady rate, alone and
// while 200 clients log in at once, over and over: password hashing must not delay the phone.
import { hash } from "@node-rs/argon2";
import {
  allCalls,
  CALLS_PER_SECOND,
  callsAloneAndLoaded,
  type LoadGate,
  MEASURE_SECONDS,
  phaseP99s,
  ROUNDS,
  summary,
} from "../lib/calls-alone-and-loaded";
import { cpuTable, loadSuiteCpuMeter, sumUsage } from "../lib/cpu-time";
import { BENCH_TWILIO_TOKEN, spawnAppServer } from "../lib/spawn-app-server";
import { spawnCaller } from "../lib/spawn-caller";
import { ms, percentile } from "../lib/stats";
import { prepareClinics } from "./twilio-webhook";
import type { BenchContext, Suite, SuiteResult, Target } from "./types";

const WARMUP_SECONDS = 5;
/** Concurrent log-ins: each client logs in, and as soon as it is answered, logs in again. */
const LOGIN_CLIENTS = 200;
/** Distinct accounts the clients log in as (a correct password each, so every attempt hashes). */
const ACCOUNTS = 20;
const ALONE_RATIO_LIMIT = 2;
const PASSWORD = "bench log-in flood password";
const EMAIL_DOMAIN = "login-flood.bench.invalid";
// Call SIDs are "CA" + 32 hex digits; this prefix marks this suite's calls for clean-up.
const SID_PREFIX = "CAddddddd";

export const loginFloodSuite: Suite = {
  id: "login-flood",
  title: "Calls first: the webhook during a log-in flood",
  description:
    `The Twilio voice webhook at a steady ${CALLS_PER_SECOND} calls/s for ${MEASURE_SECONDS} s alone and ${MEASURE_SECONDS} s while ` +
    `${LOGIN_CLIENTS} clients log in at once, each from its own address (X-Forwarded-For from a trusted proxy), as ${ACCOUNTS} accounts with their ` +
    "correct password (every attempt verifies an argon2id hash; wrong passwords would be throttled before hashing), and " +
    "again as soon as they are signed in; refused, they behave as the sign-in page does: after a 503 busy or a 429 they " +
    "wait the advised Retry-After (spread by up to half again), then try again. " +
    "The log-ins go through the app's route handler (throttling, the bounded hashing slots, the auth pool) in the same " +
    "server process as the webhook. The two conditions take turns in " +
    `${ROUNDS} rounds (alone, then flooded, each ${MEASURE_SECONDS / ROUNDS} s): the ${LOGIN_CLIENTS} clients start in the same instant ` +
    "in the first flooded phase; between flooded phases they are held, the alone phase starting once none of their " +
    "log-ins is in flight, and then go on where they left off. Target: the webhook's p99 during the flood, over all " +
    "its calls, within 2x of its p99 alone.",

  async run(context: BenchContext): Promise<SuiteResult> {
    const numbers = await prepareClinics(context);
    const emails = Array.from({ length: ACCOUNTS }, (_, i) => `flood-${i}@${EMAIL_DOMAIN}`);
    const passwordHash = await hash(PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await context.client.query(
      `insert into auth.users (email, encrypted_password) select unnest($1::text[]), $2
       on conflict (email) do update set encrypted_password = excluded.encrypted_password`,
      [emails, passwordHash],
    );
    const app = await spawnAppServer({
      // The flood comes from many addresses (a proxy in front names each): per-address throttling
      // then never stops it, and every attempt verifies a hash. Loopback is the proxy here.
      TRUSTED_PROXIES: "127.0.0.1,::1",
    });
    const { url: appUrl, vapi } = app;

    // The calls come from a process of their own: the load's clients never hold the callers' event loop.
    const caller = await spawnCaller({ appUrl, numbers, authToken: BENCH_TWILIO_TOKEN, sidPrefix: SID_PREFIX }).catch((error: unknown) => {
      app.close();
      throw error;
    });

    const logins: number[] = [];
    const statuses: Record<string, number> = {};
    // As the sign-in page behaves: a 503 busy is asked again after its Retry-After (retryWhenBusy,
    // src/lib/busy-retry.ts), a 429 shows its wait and the person tries again after it; a success
    // logs in again at once.
    const loginClient = async (client: number, gate: LoadGate) => {
      const email = emails[client % emails.length]!;
      while (await gate.pass()) {
        const t0 = performance.now();
        let status = 0;
        let code = "";
        let retryAfter = 0;
        try {
          const { response, text } = await gate.track(
            fetch(`${appUrl}/api/auth/login`, {
              method: "POST",
              headers: { "content-type": "application/json", origin: appUrl, "x-forwarded-for": `10.77.${client >> 8}.${client & 255}` },
              body: JSON.stringify({ email, password: PASSWORD }),
            }).then(async (response) => ({ response, text: await response.text() })),
          );
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
        // As the sign-in page: the advised delay, spread by up to half again.
        if ((status === 503 || status === 429) && retryAfter > 0)
          await gate.sleep(Math.min(retryAfter, 30) * 1000 * (1 + Math.random() * 0.5));
      }
    };
    /** The flood: all clients start in the same instant. */
    const startFlood = async (gate: LoadGate) => {
      await Promise.all(Array.from({ length: LOGIN_CLIENTS }, (_, i) => loginClient(i, gate)));
    };

    try {
      const callsBefore = await vapi.callsCreated();
      context.log(
        `  log-in flood: ${WARMUP_SECONDS} s warm-up, then ${ROUNDS} rounds of ${ms(MEASURE_SECONDS / ROUNDS)} s of calls alone and ${ms(MEASURE_SECONDS / ROUNDS)} s with ${LOGIN_CLIENTS} log-in clients`,
      );
      // Warm-up: calls, and a few log-ins (the first loads code the log-in path imports on first use).
      await caller.placeCalls(WARMUP_SECONDS);
      for (const email of emails.slice(0, 3)) {
        await fetch(`${appUrl}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: appUrl, "x-forwarded-for": "10.78.0.1" },
          body: JSON.stringify({ email, password: PASSWORD }),
        }).then((response) => response.text());
      }
      const cpu = loadSuiteCpuMeter(app.serverPid, vapi.pid, caller.pid);
      const phases = await callsAloneAndLoaded({
        seconds: MEASURE_SECONDS,
        placeCalls: caller.placeCalls,
        log: context.log,
        startLoad: startFlood,
        snapshot: async () => cpu.snapshot(),
      });
      const alone = summary(allCalls(phases.alone));
      const flooded = summary(allCalls(phases.loaded));
      const cpuUsage = (list: typeof phases.alone) => sumUsage(list.map((phase) => cpu.between(phase.before, phase.after)));
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
        `| ${name} | ${s.calls.toLocaleString("en")} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.serverP50)} | ${ms(s.serverP99)} | ${s.fallbacks} | ${s.slowestAt.join(", ")} |`;
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
          `Alone the webhook's p99 is ${ms(alone.p99)} ms (rounds: ${phaseP99s(phases.alone).map(ms).join(", ")}); during the flood ` +
            `it is ${ms(flooded.p99)} ms (rounds: ${phaseP99s(phases.loaded).map(ms).join(", ")}), ${ratio.toFixed(2)}x, ` +
            `while ${LOGIN_CLIENTS} clients made ${logins.length.toLocaleString("en")} log-ins (${signedIn.toLocaleString("en")} signed in, ` +
            `p50 ${ms(percentile(sortedLogins, 50))} ms, p99 ${ms(percentile(sortedLogins, 99))} ms).`,
          "Hashing runs in bounded slots off the database connection, on worker threads at nice 19, and log-ins use the auth " +
            "pool: the flood competes with the webhook for CPU only, and the scheduler gives the hashes what the calls leave. " +
            "The callers, the clients, the server, the Vapi emulator and Postgres share the machine (the CPU table says who used what).",
        ],
        sections: [
          {
            title: `Webhook at ${CALLS_PER_SECOND} calls/s, ${MEASURE_SECONDS} s alone and ${MEASURE_SECONDS} s during the log-in flood, in ${ROUNDS} alternating rounds`,
            markdown: [
              "| phase | calls | p50 ms | p99 ms | max ms | server's part p50 ms | server's part p99 ms | fallbacks | slowest 1% placed at (s into the condition) |",
              "|---|---|---|---|---|---|---|---|---|",
              row("webhook alone", alone),
              row(`webhook + ${LOGIN_CLIENTS} concurrent log-ins`, flooded),
              "",
              cpuTable([
                { name: "webhook alone", seconds: MEASURE_SECONDS, usage: cpuUsage(phases.alone) },
                { name: "webhook + log-in flood", seconds: MEASURE_SECONDS, usage: cpuUsage(phases.loaded) },
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
          roundP99s: { alone: phaseP99s(phases.alone), flood: phaseP99s(phases.loaded) },
          cpu: { alone: cpuUsage(phases.alone), flood: cpuUsage(phases.loaded) },
        },
      };
    } finally {
      caller.close();
      app.close();
      await context.client.query(`delete from public.calls where twilio_call_sid like '${SID_PREFIX}%'`);
      await context.client.query(`delete from public.user_sessions where user_id in (select id from auth.users where email like $1)`, [
        `%@${EMAIL_DOMAIN}`,
      ]);
      await context.client.query(`delete from public.login_throttle_buckets`).catch(() => {});
      await context.client.query(`delete from auth.users where email like $1`, [`%@${EMAIL_DOMAIN}`]);
    }
  },
};
