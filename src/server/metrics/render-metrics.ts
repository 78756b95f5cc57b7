import { calendarOutboxLagSeconds } from "@/server/calendar/outbox/outbox-lag";
import { jobCounts } from "@/server/jobs/job-counts";
import { jobRunnerStatus } from "@/server/jobs/job-runner";
import { getMetrics } from "./registry";

/** The Prometheus text exposition of every metric, with the scrape-time sources read now. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const metrics = getMetrics();
  metrics.sources.outboxLagSeconds ??= () => calendarOutboxLagSeconds();
  // Counted only where the runner has started (a scrape must not start one).
  metrics.sources.jobCounts ??= async () => (jobRunnerStatus().state === "running" ? jobCounts() : []);
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}
