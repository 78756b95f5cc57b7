import { calendarOutboxLagSeconds } from "@/server/calendar/outbox/outbox-lag";
import { getMetrics } from "./registry";

/** The Prometheus text exposition of every metric, with the scrape-time sources read now. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const metrics = getMetrics();
  metrics.sources.outboxLagSeconds ??= () => calendarOutboxLagSeconds();
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}
