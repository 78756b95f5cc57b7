import { getConfig } from "@/server/config";
import { jsonError } from "@/server/http/error-response";
import { metricsAccess } from "@/server/metrics/metrics-access";
import { renderMetrics } from "@/server/metrics/render-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint: see src/server/metrics/registry.ts for what it exposes. */
export async function GET(req: Request) {
  const access = metricsAccess(req.headers.get("authorization"), getConfig().metricsToken);
  if (access === "not_enabled") return jsonError("not_found", "Metrics are not enabled (set METRICS_TOKEN).");
  if (access === "unauthenticated") {
    const refused = jsonError("unauthenticated", "Send Authorization: Bearer <METRICS_TOKEN>.");
    refused.headers.set("www-authenticate", 'Bearer realm="metrics"');
    return refused;
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" } });
}
