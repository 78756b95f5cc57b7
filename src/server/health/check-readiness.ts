import { jobRunnerStatus } from "@/server/jobs/job-runner";
import { isShuttingDown } from "@/server/lifecycle/shutdown-state";
import { checkHealth } from "./check-health";

export interface ReadinessReport {
  ready: boolean;
  database: "ok" | "unavailable";
  jobs: "working" | "enqueue_only" | "starting" | "failed" | "stopped";
  /** Why the process should not be sent traffic; empty when ready. */
  reasons: string[];
}

/**
 * Whether this process should receive traffic: the database answers, the job runner has
 * started (working, or enqueue-only under JOBS=off), and the process is not shutting down.
 * Never throws.
 */
export async function checkReadiness(): Promise<ReadinessReport> {
  const reasons: string[] = [];
  if (isShuttingDown()) reasons.push("shutting down");
  const health = await checkHealth();
  if (!health.ok) reasons.push(`database unavailable: ${health.message}`);
  const runner = jobRunnerStatus();
  let jobs: ReadinessReport["jobs"];
  if (runner.state === "running") jobs = runner.working ? "working" : "enqueue_only";
  else jobs = runner.state;
  if (runner.state === "starting") reasons.push("job runner starting");
  if (runner.state === "failed") reasons.push(`job runner failed to start: ${runner.error}`);
  if (runner.state === "stopped") reasons.push("job runner not started");
  return { ready: reasons.length === 0, database: health.ok ? "ok" : "unavailable", jobs, reasons };
}
