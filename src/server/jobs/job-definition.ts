import type { z } from "zod";

/** How a failed job is tried again: `limit` more attempts, `delaySeconds` doubling when `backoff`. */
interface RetryPolicy {
  limit: number;
  delaySeconds: number;
  backoff: boolean;
  maxDelaySeconds?: number;
}

/** A recurring occurrence: a cron expression read in `timeZone`, and what to do about missed ones. */
interface JobSchedule {
  cron: string;
  /** An IANA zone (the system's JOBS_TIMEZONE unless the job says otherwise). */
  timeZone?: string;
  /**
   * `skip`: occurrences that came due while no process ran are dropped (the next one comes soon).
   * `once`: one job for the most recent missed occurrence, sent when a runner comes back.
   */
  missed: "skip" | "once";
}

/** What a handler is told about the delivery it is running. */
export interface JobContext {
  jobId: string;
  /** 0 on the first delivery, then 1, 2, ... */
  retryCount: number;
  /** Aborted when the job times out or the runner stops without waiting for it. */
  signal: AbortSignal;
}

/**
 * One job type, without its handler (job-types.ts lists them all): what enqueue validates and
 * the runner configures queues and schedules from.
 */
export interface JobType<Schema extends z.ZodType = z.ZodType, Name extends string = string> {
  /** The queue name: lower-case words joined by dots and dashes, e.g. `calendar.outbox-pass`. */
  name: Name;
  payload: Schema;
  retry: RetryPolicy;
  /** A delivery that runs longer than this is failed (and retried within the policy). */
  timeoutSeconds: number;
  /**
   * `perKey`: `enqueue` needs a key, and one job is made per key (a second enqueue with the same
   * key, while the first is retained, is a no-op). `oneAtATime`: at most one waiting and one
   * running job of this type across every process (recurring passes). `none`: every enqueue is a job.
   */
  unique: "perKey" | "oneAtATime" | "none";
  schedule?: JobSchedule;
  /** How often an idle worker looks for this type (default 2 s; pg-boss's minimum is 0.5 s): a live call cannot wait long. */
  pollingIntervalSeconds?: number;
  /**
   * Set when a signed-in person's transaction (asUser) may enqueue this type, e.g. an invitation
   * email written with the invitation. The payload must have `organisationId`: the database sets it
   * to the organisation the user verifiably acts for, whatever the caller sent, and only a member
   * with `minimumRole` or above may enqueue. The rest of the payload came from a user transaction:
   * the handler re-reads what it acts on by that organisation and trusts nothing else in it.
   */
  userEnqueue?: { minimumRole: "member" | "admin" | "owner" };
}

/**
 * A job type with its handler. Every handler is idempotent: a job can be delivered again after a
 * crash or an expiry, and the second delivery must find the work done and change nothing.
 */
export interface JobDefinition<Schema extends z.ZodType = z.ZodType, Name extends string = string> extends JobType<Schema, Name> {
  handle(payload: z.infer<Schema>, context: JobContext): Promise<void>;
}

/** Keeps the payload type of a job type (an identity function; job-types.ts holds the list). */
export function defineJobType<Schema extends z.ZodType, const Name extends string>(type: JobType<Schema, Name>): JobType<Schema, Name> {
  return type;
}

/** A job type's handler, in the job's own module (registry.ts lists them for the runner). */
export function defineJob<Schema extends z.ZodType, const Name extends string>(
  type: JobType<Schema, Name>,
  handle: (payload: z.infer<Schema>, context: JobContext) => Promise<void>,
): JobDefinition<Schema, Name> {
  return { ...type, handle };
}
