// Suite: the Twilio voice webhook under 50 concurrent callers, against the Vapi emulator answering
// at once, beside a bare node:http handler that does the same database work (the floor).
import { randomBytes } from "node:crypto";
import { signTwilioRequest } from "../../src/providers/twilio/signature";
import { resolveUrls } from "../lib/database";
import { spawnBenchProcess } from "../lib/spawn-process";
import { spawnVapiEmulator } from "../lib/spawn-vapi-emulator";
import { ms, percentile } from "../lib/stats";
import type { BenchContext, Suite, SuiteResult, Target } from "./types";

const CONCURRENCY = 50;
const WARMUP_CALLS = 300;
const MEASURED_CALLS = 3_000;
/** Paced scenario: each of the 50 callers places a call every PACE_MS (100 calls/s in all). */
const PACE_MS = 500;
const CLINICS = 50;
const P99_TARGET_MS = 50;
const FLOOR_RATIO_LIMIT = 3;
const TWILIO_TOKEN = "bench-twilio-token";
const VAPI_KEY = "bench-vapi-key";
// Call SIDs are "CA" + 32 hex digits; this prefix marks the bench's own calls for clean-up.
const SID_PREFIX = "CAbbbbbbb";

interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  statuses: Record<number, number>;
}

/**
 * `total` requests from `concurrency` callers in parallel; each caller waits for its answer before
 * the next, and with `paceMs` also waits until `paceMs` after its previous call started.
 */
async function load(total: number, concurrency: number, send: (i: number) => Promise<number>, paceMs = 0): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      // Paced callers start spread over one pace period, so calls arrive evenly, not in bursts of 50.
      if (paceMs) await new Promise((resolve) => setTimeout(resolve, (caller * paceMs) / concurrency));
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const status = await send(i);
        const elapsed = performance.now() - t0;
        latenciesMs.push(elapsed);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (paceMs > elapsed) await new Promise((resolve) => setTimeout(resolve, paceMs - elapsed));
      }
    }),
  );
  return { latenciesMs, wallMs: performance.now() - started, statuses };
}

function summary(result: LoadResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    callsPerSecond: (result.latenciesMs.length / result.wallMs) * 1000,
    statuses: result.statuses,
  };
}

export const twilioWebhookSuite: Suite = {
  id: "twilio-webhook",
  title: "Twilio voice webhook under load",
  description:
    `${CONCURRENCY} concurrent callers ring ${CLINICS} clinics of the dataset; each request is a new, correctly ` +
    "signed Twilio webhook (a new CallSid) handled by the app's route handler: signature check, the one-query " +
    "call context, the call row, the transient assistant, `POST /call` to the Vapi emulator (answering at once, " +
    "on this machine) and the hand-off update. The floor is a bare `node:http` handler doing the same database " +
    "work (context query, call insert, hand-off update) through the same pool, with no signature, assistant or " +
    "Vapi request. Both are served by `node:http` in a server process of their own, as the app is in production " +
    "(Next.js's router is not in the path); the Vapi emulator runs in another, as Vapi is another machine, and the " +
    "callers in the bench's process. " +
    `Latency is measured by the callers: ${WARMUP_CALLS} warm-up calls, then ${MEASURED_CALLS.toLocaleString("en")} ` +
    `measured with each caller placing a call every ${PACE_MS} ms (the targets), and ${MEASURED_CALLS.toLocaleString("en")} ` +
    "back to back to find the saturation throughput.",

  async run(context: BenchContext): Promise<SuiteResult> {
    const urls = resolveUrls();
    const numbers = await prepareClinics(context);
    const vapi = await spawnVapiEmulator(VAPI_KEY);
    const { firstLine, child: server } = await spawnBenchProcess("webhook-server-process.ts", [], {
      DATABASE_URL: urls.bench,
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      VAPI_API_KEY: VAPI_KEY,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: "bench-vapi-webhook-secret",
      VAPI_PHONE_NUMBER_ID: "bench-vapi-number",
      DEMO: "0",
    }).catch((error: unknown) => {
      vapi.close();
      throw error;
    });
    const { route: appUrl, floor: floorUrl } = JSON.parse(firstLine) as { route: string; floor: string };

    let sequence = 0;
    const sendTo = (baseUrl: string, signed: boolean) => async (i: number) => {
      const params = {
        CallSid: `${SID_PREFIX}${(++sequence).toString(16).padStart(25, "0")}`,
        To: numbers[i % numbers.length]!,
        From: "+447700900123",
        CallStatus: "ringing",
        Direction: "inbound",
      };
      const url = `${baseUrl}/api/webhooks/twilio`;
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (signed) headers["x-twilio-signature"] = signTwilioRequest({ authToken: TWILIO_TOKEN, url, params });
      const response = await fetch(url, { method: "POST", headers, body: new URLSearchParams(params) });
      await response.arrayBuffer();
      return response.status;
    };

    try {
      const callsBefore = await vapi.callsCreated();
      context.log(`  webhook: ${WARMUP_CALLS} warm-up calls, then ${MEASURED_CALLS} paced and ${MEASURED_CALLS} back to back`);
      await load(WARMUP_CALLS, CONCURRENCY, sendTo(appUrl, true));
      const webhook = summary(await load(MEASURED_CALLS, CONCURRENCY, sendTo(appUrl, true), PACE_MS));
      const webhookSaturated = summary(await load(MEASURED_CALLS, CONCURRENCY, sendTo(appUrl, true)));
      const handedOff =
        webhook.statuses[200] === MEASURED_CALLS &&
        webhookSaturated.statuses[200] === MEASURED_CALLS &&
        (await vapi.callsCreated()) - callsBefore === WARMUP_CALLS + 2 * MEASURED_CALLS;
      context.log(`  floor: the same`);
      await load(WARMUP_CALLS, CONCURRENCY, sendTo(floorUrl, false));
      const floor = summary(await load(MEASURED_CALLS, CONCURRENCY, sendTo(floorUrl, false), PACE_MS));
      const floorSaturated = summary(await load(MEASURED_CALLS, CONCURRENCY, sendTo(floorUrl, false)));
      const ratio = webhook.p99 / floor.p99;
      const targets: Target[] = [
        {
          id: "twilio-webhook-p99",
          description: `Twilio webhook p99 under ${P99_TARGET_MS} ms, ${CONCURRENCY} concurrent callers each calling every ${PACE_MS} ms`,
          metric: "p99 latency seen by the callers (paced)",
          value: webhook.p99,
          limit: P99_TARGET_MS,
          unit: "ms",
          pass: webhook.p99 < P99_TARGET_MS,
        },
        {
          id: "twilio-webhook-vs-floor",
          description: `Twilio webhook p99 within ${FLOOR_RATIO_LIMIT}x of the bare handler's`,
          metric: "p99 webhook / p99 floor (paced)",
          value: ratio,
          limit: FLOOR_RATIO_LIMIT,
          unit: "x",
          pass: ratio <= FLOOR_RATIO_LIMIT,
        },
      ];
      const row = (name: string, loadName: string, s: ReturnType<typeof summary>) =>
        `| ${name} | ${loadName} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.callsPerSecond.toFixed(0)} |`;
      return {
        measurements: [],
        targets,
        checks: [
          {
            description: "every webhook answered 200 with Vapi's TwiML, with exactly one Vapi call each",
            pass: handedOff,
            detail: `paced ${JSON.stringify(webhook.statuses)}, back to back ${JSON.stringify(webhookSaturated.statuses)}; Vapi calls created ${(await vapi.callsCreated()) - callsBefore}`,
          },
        ],
        notes: [
          `Paced (${CONCURRENCY} callers, one call each every ${PACE_MS} ms): the webhook's p99 is ${ms(webhook.p99)} ms against ` +
            `the floor's ${ms(floor.p99)} ms (${ratio.toFixed(2)}x); the webhook's own work is the signature check, building and ` +
            "serialising the assistant, and the HTTP round trip to Vapi.",
          `The paced load is ${Math.round((100 * webhook.callsPerSecond) / webhookSaturated.callsPerSecond)}% of what the ` +
            `webhook sustains back to back on this machine (${webhook.callsPerSecond.toFixed(0)} of ` +
            `${webhookSaturated.callsPerSecond.toFixed(0)} calls/s), and ${Math.round((100 * floor.callsPerSecond) / floorSaturated.callsPerSecond)}% ` +
            "for the floor. The server process, the callers, the Vapi emulator and Postgres share this machine's 2 cores: " +
            "the busier they are, the more a call's p99 is time spent queued behind other calls and garbage collection " +
            "rather than its own work, so the p99 target needs headroom, not only a fast handler.",
          `Back to back (${CONCURRENCY} callers, no pause): ${webhookSaturated.callsPerSecond.toFixed(0)} calls/s against the ` +
            `floor's ${floorSaturated.callsPerSecond.toFixed(0)}; latency there is queueing (${CONCURRENCY} in flight ÷ throughput), ` +
            "with the callers, the Vapi emulator and the server sharing this machine's 2 cores.",
        ],
        sections: [
          {
            title: `Latency at ${CONCURRENCY} concurrent callers`,
            markdown: [
              "| handler | load | p50 ms | p99 ms | max ms | calls/s |",
              "|---|---|---|---|---|---|",
              row("Twilio webhook (route handler + Vapi emulator)", `paced, a call every ${PACE_MS} ms each`, webhook),
              row("Floor: node:http + the same database work", `paced, a call every ${PACE_MS} ms each`, floor),
              row("Twilio webhook (route handler + Vapi emulator)", "back to back (saturation)", webhookSaturated),
              row("Floor: node:http + the same database work", "back to back (saturation)", floorSaturated),
            ].join("\n"),
          },
        ],
        data: { paced: { webhook, floor, ratio }, saturated: { webhook: webhookSaturated, floor: floorSaturated } },
      };
    } finally {
      server.kill();
      vapi.close();
      await context.client.query(`delete from public.calls where twilio_call_sid like '${SID_PREFIX}%'`);
    }
  },
};

/** The first CLINICS organisations of the dataset get intents and settings, so calls are handed to Vapi. */
export async function prepareClinics(context: BenchContext): Promise<string[]> {
  await context.client.query(`
    with clinics as (
      select o.id from public.organisations o order by o.id limit ${CLINICS}
    ), settings as (
      insert into public.assistant_settings (organisation_id, greeting_en)
      select id, 'Hello, you have reached the clinic.' from clinics
      on conflict (organisation_id) do nothing
    )
    insert into public.intents (organisation_id, name, example_phrases, response_en, response_ru)
    select id, 'Opening hours', array['when are you open'], 'We are open nine to five.', 'Мы работаем с девяти до пяти.'
    from clinics c
    where not exists (select 1 from public.intents i where i.organisation_id = c.id)`);
  const { rows } = await context.client.query<{ phone_number: string }>(`
    select p.phone_number from public.phone_numbers p
    where p.is_active and p.organisation_id in (select id from public.organisations order by id limit ${CLINICS})`);
  return rows.map((r) => r.phone_number);
}
