import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as hoursRoute from "@/app/api/working-hours/route";
import { eventIdFor } from "@/providers/google/calendar";
import { type GoogleEmulator, startGoogleEmulator } from "@/providers/google/emulator";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { resetConfigForTests } from "@/server/config";
import { asService } from "@/server/db/access";
import { setDatabase } from "@/server/db/database";
import { appointments, calls } from "@/server/db/schema";
import { enqueue } from "@/server/jobs/enqueue";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { connectCalendar, GOOGLE_CLIENT, googleEnv } from "../calendar/google-test-kit";
import { signUpOwner } from "../helpers/accounts";
import { type StartedProcess, startTsProcess } from "../helpers/child-process";
import { createFactories } from "../helpers/factories";
import { createTestDatabase, type TestDatabase, usingPostgres } from "../helpers/test-database";
import { waitFor } from "../helpers/wait-for";

/**
 * Two app processes and one worker over one Postgres database, as a larger install runs them:
 * app A only enqueues (JOBS=off), app B also works jobs (the default), the worker only works
 * jobs. Calls and bookings go through both apps at once; Google's free/busy is down while they
 * book, so no booking creates its event inline and every event is left to the calendar outbox
 * pass, a job that B and the worker compete for. Each appointment then has exactly one Google
 * event from exactly one insert, every pass ran once and alone, no call or booking is lost,
 * and the shared DATA_DIR stays empty (no embedded database, no lock).
 */
const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";
const CALENDAR = "several-processes@harbour.test";
const CALLS_PER_APP = 8;
const BOOKINGS_PER_APP = 8;

describe.skipIf(!usingPostgres)(
  "two app processes and a worker over one database (Postgres server; on PGlite the database belongs to one process, so there is nothing to share)",
  () => {
    let database: TestDatabase;
    let google: GoogleEmulator;
    let vapi: Awaited<ReturnType<typeof startVapiEmulator>>;
    const dataDir = mkdtempSync(path.join(tmpdir(), "clinicall-several-"));
    const encryptionKey = randomBytes(32).toString("base64");
    const started: StartedProcess[] = [];

    beforeAll(async () => {
      google = await startGoogleEmulator({ ...GOOGLE_CLIENT, accountEmail: CALENDAR });
      vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
      Object.assign(process.env, {
        ENCRYPTION_KEY: encryptionKey,
        PUBLIC_BASE_URL: "http://localhost:3000",
        LOG_LEVEL: "silent",
        JOBS: "off",
        ...googleEnv(google),
      });
      resetConfigForTests();
      database = await createTestDatabase();
      setDatabase(database);
      // This process only enqueues (the passes the test asks for), on the test's database.
      await startJobRunner({ work: false, database, databaseUrl: database.url });
    });
    afterAll(async () => {
      await Promise.all(started.map((p) => p.stop("SIGKILL")));
      await stopJobRunner();
      await vapi?.close();
      await google?.close();
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    function processEnv(jobs: "on" | "off"): Record<string, string | undefined> {
      return {
        ...googleEnv(google),
        DATABASE_URL: database.url,
        DATABASE_APP_URL: database.appUrl,
        DATABASE_POOL_SIZE: "8",
        DATABASE_SERVICE_POOL_SIZE: "8",
        DATABASE_AUTH_POOL_SIZE: "3",
        DATA_DIR: dataDir,
        ENCRYPTION_KEY: encryptionKey,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        VAPI_API_KEY: VAPI_KEY,
        VAPI_API_URL: vapi.url,
        VAPI_WEBHOOK_SECRET: "vapi-webhook-secret-for-tests",
        VAPI_PHONE_NUMBER_ID: "vapi-default-number",
        DEMO: "0",
        JOBS: jobs,
        LOG_LEVEL: "warn",
      };
    }

    it("runs each job once, loses no call or booking, and never touches DATA_DIR", async () => {
      // A clinic with a number, opening hours every day and a connected calendar, set up in this
      // process through the API (the session and the encrypted tokens live in the shared database).
      const owner = await signUpOwner("Several Processes Dental");
      const hours = await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
        timezone: "UTC",
        days: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "08:00", closes_at: "18:00" }] })),
        exceptions: [],
      });
      expect(hours.status).toBe(200);
      await connectCalendar(owner.client);
      const f = createFactories(database.db);
      const organisation = { id: owner.organisationId };
      const number = await f.createPhoneNumber(organisation);
      await f.createIntent(organisation, { name: "Opening hours", examplePhrases: ["when are you open"], responseEn: "Eight to six." });

      const [appA, appB, worker] = await Promise.all([
        startTsProcess("tests/helpers/app-process.ts", processEnv("off"), /^http:/),
        startTsProcess("tests/helpers/app-process.ts", processEnv("on"), /^http:/),
        startTsProcess("scripts/worker.ts", processEnv("on"), /^Clinicall worker: working jobs/),
      ]);
      started.push(appA!, appB!, worker!);
      const apps = [appA!.readyLine, appB!.readyLine];

      // Google's free/busy fails while they book: each booking is kept as pending_sync, due now,
      // with no inline attempt, so only the outbox pass job can create its event.
      google.fail("freeBusy", { status: 503, times: Infinity });
      const day = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
      const slot = (n: number) => {
        const start = new Date(day + (3 + Math.floor(n / 8)) * 86_400_000 + (9 + (n % 8)) * 3_600_000);
        return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() };
      };
      const book = (url: string, n: number) =>
        fetch(`${url}/api/calendar/appointments`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: `clinicall_session=${owner.client.cookie}`, origin: url },
          body: JSON.stringify({ summary: `Check-up ${n}`, ...slot(n) }),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as { id: string; status: string } }));
      const call = (url: string) =>
        simulateIncomingCall({ baseUrl: url, authToken: TWILIO_TOKEN, to: number.phoneNumber, from: "+447700900123" });

      const [bookings, answers] = await Promise.all([
        Promise.all(apps.flatMap((url, a) => Array.from({ length: BOOKINGS_PER_APP }, (_, i) => book(url, a * BOOKINGS_PER_APP + i)))),
        Promise.all(apps.flatMap((url) => Array.from({ length: CALLS_PER_APP }, () => call(url)))),
      ]);
      google.clearFailures("freeBusy");

      // No booking lost: every one answered 201 and is a row, waiting for its Google event.
      expect(bookings.map((b) => b.status)).toEqual(Array(2 * BOOKINGS_PER_APP).fill(201));
      expect(bookings.every((b) => b.body.status === "pending_sync")).toBe(true);
      const ids = bookings.map((b) => b.body.id).sort();
      expect(google.state.listEvents(CALENDAR, { includeCancelled: true })).toEqual([]);

      // The outbox pass runs every minute; ask for passes now instead of waiting for the minute.
      // The queue is one-at-a-time, so a pass asked for while one waits is refused (null).
      const passes = new Set<string>();
      const rows = await waitFor("every appointment synced by the outbox pass job", async () => {
        const id = await asService((tx) => enqueue(tx, "calendar.outbox-pass", {}));
        if (id) passes.add(id);
        const found = await database.db.select().from(appointments).where(eq(appointments.organisationId, owner.organisationId));
        return found.every((r) => r.syncStatus === "synced") && found;
      });

      // Each appointment: exactly one event, made by exactly one insert request.
      expect(rows.map((r) => r.id).sort()).toEqual(ids);
      const events = google.state.listEvents(CALENDAR, { includeCancelled: true });
      expect(events.map((e) => e.id).sort()).toEqual(ids.map(eventIdFor).sort());
      expect(google.state.requestCount("events.insert")).toBe(ids.length);
      expect(rows.every((r) => r.calendarEventId === eventIdFor(r.id))).toBe(true);

      // Each pass ran once (completed, never retried) and alone: no two passes overlapped in time.
      const ran = await waitFor("the passes asked for to finish", async () => {
        const { rows: jobs } = await database.db.execute(
          sql`select id, state::text as state, retry_count, started_on, completed_on from pgboss.job
              where name = 'calendar.outbox-pass' order by started_on`,
        );
        const finished = jobs.filter((j) => j.state !== "created" && j.state !== "active");
        return [...passes].every((id) => finished.some((j) => j.id === id)) && finished;
      });
      expect(ran.length).toBeGreaterThan(0);
      expect(ran.map((j) => [j.state, j.retry_count])).toEqual(ran.map(() => ["completed", 0]));
      for (let i = 1; i < ran.length; i++) {
        expect(new Date(ran[i]!.started_on as string).getTime()).toBeGreaterThanOrEqual(
          new Date(ran[i - 1]!.completed_on as string).getTime(),
        );
      }

      // No call lost: each was answered with the hand-off to Vapi and recorded once.
      expect(answers.map((a) => a.status)).toEqual(Array(2 * CALLS_PER_APP).fill(200));
      for (const answer of answers) expect(answer.body, answer.body).toMatch(/<Connect[ >]/);
      const recorded = await database.db.select().from(calls).where(eq(calls.organisationId, owner.organisationId));
      expect(recorded.map((c) => c.twilioCallSid).sort()).toEqual(answers.map((a) => a.callSid).sort());
      expect(recorded.every((c) => c.vapiCallId)).toBe(true);

      // All three stop cleanly, and in server mode none of them wrote to DATA_DIR (no lock file).
      expect(await Promise.all(started.map((p) => p.stop("SIGTERM")))).toEqual([0, 0, 0]);
      expect(readdirSync(dataDir)).toEqual([]);
    }, 300_000);
  },
);
