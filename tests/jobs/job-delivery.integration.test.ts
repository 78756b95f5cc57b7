import { spawnSync } from "node:child_process";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { eventIdFor } from "@/providers/google/calendar";
import { calendarNightlyCleanupJob } from "@/server/calendar/nightly-cleanup-job";
import { calendarOutboxPassJob } from "@/server/calendar/outbox/outbox-pass-job";
import { appointments, oauthStates } from "@/server/db/schema";
import { lastErrorByType, listDeadJobs, purgeDeadJobs, retryDeadJobs } from "@/server/jobs/dead-jobs";
import { jobCounts } from "@/server/jobs/job-counts";
import type { JobContext } from "@/server/jobs/job-definition";
import { type JobRunner, startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { jobDefinitions } from "@/server/jobs/registry";
import { connectCalendar, useGoogleEmulator } from "../calendar/google-test-kit";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { usingPostgres } from "../helpers/test-database";

/**
 * A job can be delivered twice (a worker dies after the effect, before pg-boss hears "done"):
 * each handler is run twice with the same delivery and must have one effect. Dead jobs (retries
 * exhausted) are counted, listed with their error, retried and purged.
 */
const CALENDAR = "jobs@harbour.test";
const { google, env } = await useGoogleEmulator({ accountEmail: CALENDAR });
const test = useTestApp({ env: () => env() });
let runner: JobRunner;

beforeAll(async () => {
  runner = await startJobRunner({ work: true, handlers: jobDefinitions(), database: test.db(), databaseUrl: test.db().url });
});
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

const delivery = (): JobContext => ({ jobId: "00000000-0000-4000-8000-000000000001", retryCount: 0, signal: new AbortController().signal });

describe("the same job delivered twice has one effect", () => {
  it("calendar.outbox-pass: one Google event for a booking made while Google was down", async () => {
    const owner = await signUpOwner("Twice Dental");
    await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
      timezone: "Europe/London",
      days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
      exceptions: [],
    });
    await connectCalendar(owner.client);
    google.fail("events.insert", { status: 500, times: 1 });
    const booked = await owner.client.post(appointmentsRoute.POST, "/api/calendar/appointments", {
      summary: "Booked during an outage",
      start: "2027-06-07T10:00:00.000Z",
      end: "2027-06-07T10:30:00.000Z",
    });
    expect(booked.body).toMatchObject({ status: "pending_sync" });
    const id = booked.body.id as string;

    // The pass runs at the retry time; pin the clock (Date only) there for both deliveries.
    const [due] = await test.db().db.select().from(appointments).where(eq(appointments.id, id));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(due!.syncNextAttemptAt!.getTime() + 1_000));
    await calendarOutboxPassJob.handle({}, delivery());
    await calendarOutboxPassJob.handle({}, delivery());

    const events = google.state.listEvents(CALENDAR, { includeCancelled: true }).filter((e) => e.id === eventIdFor(id));
    expect(events).toHaveLength(1);
    const [synced] = await test.db().db.select().from(appointments).where(eq(appointments.id, id));
    expect(synced).toMatchObject({ status: "confirmed", syncStatus: "synced", syncAttempts: 1 });
  });

  it("calendar.nightly-cleanup: expired OAuth states deleted once, live ones kept", async () => {
    const factories = createFactories(test.db().db);
    const org = await factories.createOrganisation();
    const expired = await factories.createOAuthState(org, { expiresAt: new Date(Date.now() - 2 * 24 * 3_600_000) });
    const live = await factories.createOAuthState(org);
    await calendarNightlyCleanupJob.handle({}, delivery());
    await calendarNightlyCleanupJob.handle({}, delivery());
    const left = await test
      .db()
      .db.select({ id: oauthStates.id })
      .from(oauthStates)
      .where(inArray(oauthStates.id, [expired.id, live.id]));
    expect(left).toEqual([{ id: live.id }]);
  });
});

describe("dead jobs", () => {
  it("are counted, listed with their last error, retried and purged", async () => {
    const type = calendarNightlyCleanupJob.name;
    // A payload the type's schema refuses (sent past enqueue, which would refuse it) fails every
    // delivery; with no retry left it is dead at once.
    const id = await runner.boss.send(type, { unexpected: true }, { retryLimit: 0 });
    await vi.waitFor(async () => expect((await listDeadJobs(runner.boss, { type })).map((j) => j.id)).toContain(id), {
      timeout: 30_000,
      interval: 200,
    });
    expect((await jobCounts(runner.boss)).find((c) => c.type === type && c.state === "failed")?.count).toBeGreaterThanOrEqual(1);
    expect((await lastErrorByType(runner.boss)).get(type)?.error).toMatch(/Invalid payload for calendar.nightly-cleanup/);

    if (usingPostgres) {
      // The operator's view, from another process on the same database.
      const listed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/jobs.ts", "list"], {
        env: { ...process.env, DATABASE_URL: test.db().url, LOG_LEVEL: "silent" },
        encoding: "utf8",
      });
      expect(listed.status).toBe(0);
      expect(listed.stdout).toMatch(/calendar\.nightly-cleanup\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+[1-9]/);
      expect(listed.stdout).toContain(`last error of ${type}`);
      expect(listed.stdout).toContain(id);
    }

    expect(await retryDeadJobs(runner.boss, { type, id: id! })).toBe(1);
    // Retried, it fails again (the payload is still wrong) and is dead again.
    await vi.waitFor(
      async () => expect((await listDeadJobs(runner.boss, { type })).find((j) => j.id === id)?.retries).toBeGreaterThanOrEqual(1),
      { timeout: 30_000, interval: 200 },
    );
    expect(await purgeDeadJobs(runner.boss, { type, id: id! })).toBe(1);
    expect((await listDeadJobs(runner.boss, { type })).map((j) => j.id)).not.toContain(id);
  });
});
