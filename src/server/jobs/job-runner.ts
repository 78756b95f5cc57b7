import type { PgBoss, Queue } from "pg-boss";
import { getConfig } from "@/server/config";
import { type Database, getDatabase } from "@/server/db/database";
import { log } from "@/server/log";
import { createJobBoss } from "./job-boss";
import type { JobDefinition, JobType } from "./job-definition";
import { jobTypeList } from "./job-types";
import { syncUserJobTypes } from "./user-job-types";

export interface JobRunner {
  boss: PgBoss;
  /** Whether this process works jobs and runs the schedules (false: it only enqueues). */
  working: boolean;
}

export interface StartJobRunnerOptions {
  /**
   * The handlers to work jobs with (registry.ts's jobDefinitions(): one per job type). Without
   * them the runner only enqueues. The runner reads job types from job-types.ts, never the
   * handlers' modules, so a handler may enqueue (enqueue reaches this module) without a cycle.
   */
  handlers?: JobDefinition[];
  /** Defaults to JOBS (on unless JOBS=off) when handlers are given; false without them. */
  work?: boolean;
  /** Defaults to the process's database (tests and scripts pass their own). */
  database?: Database;
  databaseUrl?: string;
}

export type JobRunnerStatus =
  | { state: "stopped" }
  | { state: "starting"; working: boolean }
  | { state: "running"; working: boolean }
  | { state: "failed"; working: boolean; error: string };

interface Holder {
  __clinicallJobRunner?: { runner: Promise<JobRunner>; status: JobRunnerStatus };
}
const holder = globalThis as unknown as Holder;

/**
 * Starts this process's job runner once: installs or upgrades pg-boss's schema (under an
 * advisory lock, so processes starting together do it once), creates or updates a queue per
 * registered type, and when working, works every queue and keeps the schedules. A second call
 * returns the first runner.
 */
export function startJobRunner(options: StartJobRunnerOptions = {}): Promise<JobRunner> {
  const existing = holder.__clinicallJobRunner;
  if (existing) return existing.runner;
  if (options.work && !options.handlers)
    throw new Error("A job runner that works jobs needs their handlers (registry.ts's jobDefinitions())");
  const working = options.handlers ? (options.work ?? getConfig().jobs.run) : false;
  const entry: NonNullable<Holder["__clinicallJobRunner"]> = {
    status: { state: "starting", working },
    runner: Promise.resolve(undefined as unknown as JobRunner),
  };
  entry.runner = openRunner(options, working).then(
    (runner) => {
      entry.status = { state: "running", working };
      return runner;
    },
    (error: Error) => {
      entry.status = { state: "failed", working, error: error.message };
      if (holder.__clinicallJobRunner === entry) delete holder.__clinicallJobRunner; // a later call retries
      throw error;
    },
  );
  holder.__clinicallJobRunner = entry;
  return entry.runner;
}

/**
 * The runner's pg-boss (enqueue uses it), starting one that only enqueues if none has started:
 * the processes that work jobs start their runner, with the handlers, before anything enqueues
 * (the server from instrumentation, the worker script).
 */
export async function getJobBoss(): Promise<PgBoss> {
  return (await startJobRunner()).boss;
}

export function jobRunnerStatus(): JobRunnerStatus {
  return holder.__clinicallJobRunner?.status ?? { state: "stopped" };
}

/**
 * Stops the runner: takes no new jobs, waits up to `timeoutMs` for running ones, then fails the
 * ones still running so they go back to the queue as retries, and closes the runner's pool.
 */
export async function stopJobRunner(options: { timeoutMs?: number } = {}): Promise<void> {
  const entry = holder.__clinicallJobRunner;
  if (!entry) return;
  delete holder.__clinicallJobRunner;
  const runner = await entry.runner.catch(() => undefined);
  if (!runner) return;
  await runner.boss.stop({ graceful: true, timeout: options.timeoutMs ?? 10_000, close: true });
}

async function openRunner(options: StartJobRunnerOptions, working: boolean): Promise<JobRunner> {
  const types = jobTypeList();
  const handlers = working ? handlersFor(types, options.handlers ?? []) : [];
  const config = getConfig();
  const database = options.database ?? (await getDatabase());
  const boss = createJobBoss({
    database,
    databaseUrl: options.databaseUrl ?? config.databaseUrl,
    work: working,
    poolSize: config.jobs.poolSize,
  });
  boss.on("error", (error: Error) => log.warn({ err: { message: error.message } }, "job runner error"));
  await boss.start();
  try {
    for (const type of types) await ensureQueue(boss, type);
    await syncUserJobTypes(boss, types);
    if (working) {
      for (const definition of handlers) await workQueue(boss, definition);
      await keepSchedules(boss, types, config.jobs.timeZone);
    }
  } catch (error) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw error;
  }
  log.info({ working, jobTypes: types.length }, working ? "job runner working" : "job runner started (enqueue only)");
  return { boss, working };
}

/** The handler of each job type, in the types' order; every type must have exactly one, made from that type. */
function handlersFor(types: JobType[], handlers: JobDefinition[]): JobDefinition[] {
  if (handlers.length !== types.length) throw new Error(`${handlers.length} job handlers for ${types.length} job types`);
  return types.map((type) => {
    const found = handlers.filter((handler) => handler.name === type.name);
    if (found.length !== 1 || found[0]!.payload !== type.payload) {
      throw new Error(`Job type ${type.name} needs exactly one handler made from its job type (defineJob(jobTypes[name], …))`);
    }
    return found[0]!;
  });
}

function queueOptions(definition: JobType): Omit<Queue, "name"> {
  return {
    policy: definition.unique === "oneAtATime" ? "stately" : "standard",
    retryLimit: definition.retry.limit,
    retryDelay: definition.retry.delaySeconds,
    retryBackoff: definition.retry.backoff,
    ...(definition.retry.maxDelaySeconds ? { retryDelayMax: definition.retry.maxDelaySeconds } : {}),
    expireInSeconds: definition.timeoutSeconds,
  };
}

async function ensureQueue(boss: PgBoss, definition: JobType): Promise<void> {
  const options = queueOptions(definition);
  if (!(await boss.getQueue(definition.name))) {
    await boss.createQueue(definition.name, options);
    return;
  }
  const { retryLimit, retryDelay, retryBackoff, expireInSeconds } = options;
  await boss.updateQueue(definition.name, { retryLimit, retryDelay, retryBackoff, expireInSeconds });
}

async function workQueue(boss: PgBoss, definition: JobDefinition): Promise<void> {
  await boss.work<object>(
    definition.name,
    { localConcurrency: 1, pollingIntervalSeconds: definition.pollingIntervalSeconds ?? 2 },
    async ([job]) => {
      if (!job) return;
      const parsed = definition.payload.safeParse(job.data);
      if (!parsed.success) throw new Error(`Invalid payload for ${definition.name}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      await definition.handle(parsed.data, { jobId: job.id, retryCount: job.retryCount, signal: job.signal });
    },
  );
}

/** Registers each type's schedule, and removes schedules of types that no longer have one. */
async function keepSchedules(boss: PgBoss, definitions: JobType[], timeZone: string): Promise<void> {
  const scheduled = new Set<string>();
  for (const definition of definitions) {
    if (!definition.schedule) continue;
    scheduled.add(definition.name);
    await boss.schedule(
      definition.name,
      definition.schedule.cron,
      {},
      {
        tz: definition.schedule.timeZone ?? timeZone,
        missed: definition.schedule.missed,
      },
    );
  }
  for (const schedule of await boss.getSchedules()) {
    if (!scheduled.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
  }
}
