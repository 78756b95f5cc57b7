// Suite: the calendar's slot search for a busy week, the way the booking tool and the slots API
// run it: the clinic's hours, its live appointments (one indexed query) and Google's freeBusy
// (the Google emulator on this machine), then the pure slot computation.
import { randomBytes } from "node:crypto";
import { resolveUrls } from "../lib/database";
import { measureQueries, type QuerySpec } from "../lib/measure";
import { ms, percentile } from "../lib/stats";
import type { BenchContext, Check, Suite, SuiteResult, Target } from "./types";

const WEEK = ["2030-03-25", "2030-03-26", "2030-03-27", "2030-03-28", "2030-03-29", "2030-03-30"]; // Mon–Sat, London
const TIMEZONE = "Europe/London";
const MARKER = "bench-calendar";
const CALENDAR = "busy-week@bench.test";
const BACKGROUND_PER_CLINIC = 50;
const DAY_SEARCHES = 300;
const WEEK_SEARCHES = 1_000;
const DAY_P99_TARGET_MS = 50;
const WEEK_PURE_P99_TARGET_MS = 5;
const QUERY_P95_TARGET_MS = 2;
const GOOGLE_CLIENT = { clientId: "bench-calendar.apps.googleusercontent.com", clientSecret: "bench-calendar-secret" };

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

/** Deterministic pseudo-random in [0, 1) from an integer (the same busy week every run). */
function unit(n: number): number {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

export const calendarSlotsSuite: Suite = {
  id: "calendar-slots",
  title: "Calendar slot search, busy week",
  description:
    `A London clinic open Monday to Saturday 08:00–20:00 whose week of ${WEEK[0]} is busy: live appointments ` +
    "about every 40 minutes (with cancelled ones in between, which must not count), Google busy time from " +
    "the Google emulator (a few blocks a day), a 10-minute buffer, and " +
    `${BACKGROUND_PER_CLINIC} appointments for every other clinic of the dataset. Measured: (1) the slots of ` +
    "one day as `GET /api/calendar/slots` and `check_availability` compute them (`listFreeSlots` on the " +
    "service path: booking context, the appointments query, Google freeBusy over loopback, slot " +
    `computation), ${DAY_SEARCHES} searches cycling over the week; (2) the pure slot computation for the whole ` +
    `week from preloaded busy time, ${WEEK_SEARCHES.toLocaleString("en")} runs; (3) the busy-time query's server ` +
    "time (EXPLAIN ANALYZE) as the service path and as a member under RLS.",

  async run(context: BenchContext): Promise<SuiteResult> {
    const urls = resolveUrls();
    process.env.LOG_LEVEL = "silent";
    const { startGoogleEmulator } = await import("../../src/providers/google/emulator");
    const google = await startGoogleEmulator({ ...GOOGLE_CLIENT, accountEmail: CALENDAR });
    Object.assign(process.env, {
      DATABASE_URL: urls.bench,
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      PUBLIC_BASE_URL: "http://127.0.0.1:9",
      GOOGLE_CLIENT_ID: GOOGLE_CLIENT.clientId,
      GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT.clientSecret,
      GOOGLE_OAUTH_AUTH_URL: google.urls.auth,
      GOOGLE_OAUTH_TOKEN_URL: google.urls.token,
      GOOGLE_OAUTH_REVOKE_URL: google.urls.revoke,
      GOOGLE_CALENDAR_API_URL: google.urls.calendarApi,
      DEMO: "0",
    });
    const { resetConfigForTests } = await import("../../src/server/config");
    resetConfigForTests();
    const { openDatabase } = await import("../../src/server/db/connection");
    const db = await import("../../src/server/db/database");
    const database = await openDatabase({ databaseUrl: urls.bench, poolSize: 10 });
    db.setDatabase(database);

    const clinic = context.dataset.medianOrganisation;
    const restore = await prepareClinic(context, clinic.id);
    try {
      await connectToEmulator(clinic.id);
      addGoogleBusy(google);
      const busyRows = await context.client.query<{ n: number }>(
        `select count(*)::int as n from public.appointments where organisation_id = $1 and status <> 'cancelled'
           and start_at >= $2 and start_at < $3`,
        [clinic.id, `${WEEK[0]}T00:00:00Z`, `${WEEK.at(-1)}T23:59:59Z`],
      );

      const { asService } = await import("../../src/server/db/access");
      const { serviceActor } = await import("../../src/server/actor");
      const actor = serviceActor(clinic.id);
      const { listFreeSlots } = await import("../../src/server/calendar/list-free-slots");
      const { loadBookingContext } = await import("../../src/server/calendar/load-booking-context");
      const { queryBusyTime } = await import("../../src/server/calendar/query-busy-time");
      const { busyWindowFor, slotsStartingIn } = await import("../../src/server/calendar/search-slots");
      const { zonedDateTimeToUtc, addDays } = await import("../../src/server/working-hours/zoned-time");
      const now = new Date("2030-03-01T00:00:00Z");

      context.log(`  one-day searches: 30 warm-up, then ${DAY_SEARCHES}`);
      const daySearch = async (i: number) => {
        const t0 = performance.now();
        const result = await listFreeSlots(actor, { date: WEEK[i % WEEK.length]!, now });
        return { ms: performance.now() - t0, result };
      };
      for (let i = 0; i < 30; i++) await daySearch(i);
      const dayTimes: number[] = [];
      const slotCounts: number[] = [];
      let googleOk = true;
      for (let i = 0; i < DAY_SEARCHES; i++) {
        const { ms: took, result } = await daySearch(i);
        dayTimes.push(took);
        if (i < WEEK.length) slotCounts.push(result.slots.length);
        googleOk &&= result.google === "ok";
      }

      context.log(`  whole-week pure computation: ${WEEK_SEARCHES} runs`);
      const booking = await asService((tx) => loadBookingContext(tx, clinic.id));
      const week = {
        start: zonedDateTimeToUtc(WEEK[0]!, "00:00", TIMEZONE),
        end: zonedDateTimeToUtc(addDays(WEEK.at(-1)!, 1), "00:00", TIMEZONE),
      };
      const busy = await queryBusyTime(actor, busyWindowFor(week, 30, booking.rules.bufferMinutes), now);
      const weekTimes: number[] = [];
      let weekSlots = 0;
      for (let i = 0; i < WEEK_SEARCHES + 100; i++) {
        const t0 = performance.now();
        const slots = slotsStartingIn(booking, week, busy.intervals, { durationMinutes: 30, earliestStart: now });
        if (i >= 100) weekTimes.push(performance.now() - t0);
        weekSlots = slots.length;
      }
      const overlapping = await context.client.query<{ n: number }>(
        `select count(*)::int as n from public.appointments a
         where a.organisation_id = $1 and a.status <> 'cancelled' and a.start_at < $3 and a.end_at > $2`,
        [clinic.id, week.start.toISOString(), week.end.toISOString()],
      );

      const querySql =
        "select start_at, end_at from public.appointments where organisation_id = $1 and status <> 'cancelled' " +
        "and start_at < $3 and end_at > $2";
      const params = [clinic.id, week.start.toISOString(), week.end.toISOString()];
      const specs: QuerySpec[] = [
        {
          id: "busy-week-service",
          label: "A week's live appointments, service path",
          identity: { kind: "service" },
          sql: querySql,
          params,
        },
        {
          id: "busy-week-rls",
          label: "A week's live appointments, member under RLS",
          identity: { kind: "user", userId: clinic.memberUserId, organisationId: clinic.id },
          sql: querySql,
          params,
        },
      ];
      const measurements = await measureQueries(context, specs);

      const day = summary(dayTimes);
      const pure = summary(weekTimes);
      const targets: Target[] = [
        {
          id: "calendar-day-search-p99",
          description: `One day's slots (DB + Google freeBusy + computation) p99 under ${DAY_P99_TARGET_MS} ms`,
          metric: "p99 wall time of listFreeSlots",
          value: day.p99,
          limit: DAY_P99_TARGET_MS,
          unit: "ms",
          pass: day.p99 < DAY_P99_TARGET_MS,
        },
        {
          id: "calendar-week-compute-p99",
          description: `A busy week's slot computation p99 under ${WEEK_PURE_P99_TARGET_MS} ms`,
          metric: "p99 wall time of slotsStartingIn over 6 days",
          value: pure.p99,
          limit: WEEK_PURE_P99_TARGET_MS,
          unit: "ms",
          pass: pure.p99 < WEEK_PURE_P99_TARGET_MS,
        },
        ...measurements.map((m) => ({
          id: `${m.id}-under-${QUERY_P95_TARGET_MS}ms`,
          description: `${m.label} under ${QUERY_P95_TARGET_MS} ms`,
          metric: `p95 execution time of ${m.id}`,
          value: m.executionMs.p95,
          limit: QUERY_P95_TARGET_MS,
          unit: "ms" as const,
          pass: m.executionMs.p95 < QUERY_P95_TARGET_MS,
        })),
      ];
      const checks: Check[] = [
        {
          description: "the week is busy: every open day has live appointments and Google busy time",
          pass: busyRows.rows[0]!.n >= WEEK.length * 10 && googleOk && busy.google === "ok",
          detail: `${busyRows.rows[0]!.n} live appointments in the week; Google answered every search: ${googleOk}`,
        },
        {
          description: "searches find free slots, and none of them overlaps busy time (buffer included)",
          pass:
            slotCounts.every((n) => n > 0) &&
            slotsStartingIn(booking, week, busy.intervals, { durationMinutes: 30, earliestStart: now }).every((slot) =>
              busy.intervals.every(
                (b) => slot.end.getTime() + 10 * 60_000 <= b.start.getTime() || slot.start.getTime() - 10 * 60_000 >= b.end.getTime(),
              ),
            ),
          detail: `slots per day: ${slotCounts.join(", ")}; ${weekSlots} in the week`,
        },
        {
          description: "the busy-time query reaches the clinic's appointments through an index on organisation_id (no sequential scan)",
          pass: measurements.every((m) => /Index Scan/.test(m.plan.path) && !/Seq Scan/.test(JSON.stringify(m.rawPlan))),
          detail: `${overlapping.rows[0]!.n} rows; plans: ${measurements.map((m) => m.plan.path).join(" | ")}`,
        },
      ];
      const row = (name: string, s: ReturnType<typeof summary>) => `| ${name} | ${s.runs} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`;
      return {
        measurements,
        targets,
        checks,
        notes: [
          `One day's search takes ${ms(day.p50)} ms at the median and ${ms(day.p99)} ms at p99, most of it the ` +
            "freeBusy round trip and the booking-context queries; the slot computation for the whole week is " +
            `${ms(pure.p50)} ms (p99 ${ms(pure.p99)} ms), so searching a week in one pass (as the nearest-slots ` +
            "answer does) costs one freeBusy call, not seven.",
        ],
        sections: [
          {
            title: "Slot search wall time",
            markdown: [
              "| search | runs | p50 ms | p99 ms | max ms |",
              "|---|---|---|---|---|",
              row("One day: listFreeSlots (context + appointments + Google emulator freeBusy + computation)", day),
              row("Whole week: slot computation only (busy time preloaded)", pure),
            ].join("\n"),
          },
        ],
        data: { day, pure, slotCounts, weekSlots, liveAppointmentsInWeek: busyRows.rows[0]!.n },
      };
    } finally {
      await restore();
      await google.close();
      await database.close();
    }
  },
};

/**
 * Gives the clinic the bench's hours, rules and busy week, plus background appointments for the
 * other clinics; returns what puts the dataset back as it was.
 */
async function prepareClinic(context: BenchContext, clinicId: string): Promise<() => Promise<void>> {
  const { client } = context;
  const original = await client.query(`select timezone, booking_buffer_minutes from public.organisations where id = $1`, [clinicId]);
  const hours = await client.query(`select day_of_week, opens_at, closes_at from public.working_hours where organisation_id = $1`, [
    clinicId,
  ]);
  const cleanUp = async () => {
    await client.query(`delete from public.appointments where summary like '${MARKER}%'`);
    await client.query(`delete from public.organisation_calendar_connections where organisation_id = $1`, [clinicId]);
  };
  await cleanUp();
  await client.query(`update public.organisations set timezone = $2, booking_buffer_minutes = 10 where id = $1`, [clinicId, TIMEZONE]);
  await client.query(`delete from public.working_hours where organisation_id = $1`, [clinicId]);
  await client.query(
    `insert into public.working_hours (organisation_id, day_of_week, opens_at, closes_at)
     select $1, d, '08:00', '20:00' from generate_series(1, 6) d`,
    [clinicId],
  );
  // The busy week: a 30-minute appointment every 40 minutes, one in five cancelled.
  await client.query(
    `insert into public.appointments (organisation_id, calendar_id, start_at, end_at, summary, status)
     select $1, $2, s, s + interval '30 minutes', '${MARKER} busy', case when n % 5 = 0 then 'cancelled' else 'confirmed' end
     from unnest($3::date[]) as day(d),
          lateral (select (d + time '08:00') at time zone 'Europe/London' + (k * interval '40 minutes') as s, k as n
                   from generate_series(0, 16) k) slots`,
    [clinicId, CALENDAR, WEEK],
  );
  await client.query(
    `insert into public.appointments (organisation_id, calendar_id, start_at, end_at, summary)
     select o.id, 'primary', timestamptz '2030-01-07 09:00Z' + n * interval '1 hour',
            timestamptz '2030-01-07 09:30Z' + n * interval '1 hour', '${MARKER} background'
     from public.organisations o cross join generate_series(0, ${BACKGROUND_PER_CLINIC - 1}) n
     where o.id <> $1`,
    [clinicId],
  );
  await client.query("analyze public.appointments");
  return async () => {
    await cleanUp();
    const o = original.rows[0] as { timezone: string; booking_buffer_minutes: number };
    await client.query(`update public.organisations set timezone = $2, booking_buffer_minutes = $3 where id = $1`, [
      clinicId,
      o.timezone,
      o.booking_buffer_minutes,
    ]);
    await client.query(`delete from public.working_hours where organisation_id = $1`, [clinicId]);
    for (const h of hours.rows as { day_of_week: number; opens_at: string; closes_at: string }[]) {
      await client.query(`insert into public.working_hours (organisation_id, day_of_week, opens_at, closes_at) values ($1, $2, $3, $4)`, [
        clinicId,
        h.day_of_week,
        h.opens_at,
        h.closes_at,
      ]);
    }
    await client.query("analyze public.appointments");
  };
}

/** Connects the clinic to the emulator's calendar the way the OAuth callback stores a grant. */
async function connectToEmulator(clinicId: string): Promise<void> {
  const { createPkcePair } = await import("../../src/providers/google/oauth");
  const { googleServices } = await import("../../src/server/calendar/google-services");
  const { storeCalendarConnection } = await import("../../src/server/calendar/store-calendar-connection");
  const { asService } = await import("../../src/server/db/access");
  const services = googleServices()!;
  const redirectUri = "http://127.0.0.1:9/api/calendar/callback";
  const { codeVerifier, codeChallenge } = createPkcePair();
  const consent = await fetch(services.oauth.buildAuthorizationUrl({ state: "bench", codeChallenge, redirectUri }), { redirect: "manual" });
  const code = new URL(consent.headers.get("location")!).searchParams.get("code")!;
  const grant = await services.oauth.exchangeCode({ code, codeVerifier, redirectUri });
  await asService((tx) => storeCalendarConnection(tx, { organisationId: clinicId, userId: null, grant, now: new Date() }));
}

/** Three to five Google busy blocks a day (other bookings in the same calendar), deterministic. */
function addGoogleBusy(google: { state: { addBusy(calendarId: string, period: { start: Date; end: Date }): void } }): void {
  WEEK.forEach((date, d) => {
    const blocks = 3 + Math.floor(unit(d + 1) * 3);
    for (let b = 0; b < blocks; b++) {
      const startMinute = 8 * 60 + Math.floor(unit(d * 10 + b + 7) * 11 * 60);
      const length = 15 + Math.floor(unit(d * 10 + b + 31) * 4) * 15;
      const start = new Date(`${date}T00:00:00Z`);
      start.setUTCMinutes(startMinute);
      google.state.addBusy(CALENDAR, { start, end: new Date(start.getTime() + length * 60_000) });
    }
  });
}
