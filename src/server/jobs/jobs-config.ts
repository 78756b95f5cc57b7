import { z } from "zod";

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The job runner's variables, merged into the app's environment schema (config/env.ts). */
export const jobsEnvShape = {
  JOBS: z.preprocess(
    blankAsUndefined,
    z.enum(["on", "off"], { message: "must be on (run jobs here) or off (only enqueue)" }).default("on"),
  ),
  JOBS_TIMEZONE: z.preprocess(
    blankAsUndefined,
    z.string().refine(isTimeZone, { message: "must be an IANA time zone such as Europe/London or UTC" }).default("UTC"),
  ),
  JOBS_POOL_SIZE: z.preprocess(
    blankAsUndefined,
    z.coerce.number({ message: "must be a number of connections" }).int().min(2, { message: "must be at least 2" }).max(50).default(3),
  ),
};

export interface JobsConfig {
  /** Whether this process works jobs (and runs the schedules), or only enqueues them. */
  run: boolean;
  /** The zone recurring jobs' cron expressions are read in unless a job names its own. */
  timeZone: string;
  /** Connections of the runner's own pool on a Postgres server (the service side). */
  poolSize: number;
}

export function jobsConfigFromEnv(env: { JOBS: "on" | "off"; JOBS_TIMEZONE: string; JOBS_POOL_SIZE: number }): JobsConfig {
  return { run: env.JOBS === "on", timeZone: env.JOBS_TIMEZONE, poolSize: env.JOBS_POOL_SIZE };
}
