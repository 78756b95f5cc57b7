import { getConfig } from "@/server/config";
import { knownPeerAddress } from "@/server/http/client-address";
import { jsonError } from "@/server/http/error-response";
import { metricsAccess } from "@/server/metrics/metrics-access";
import { renderMetrics } from "@/server/metrics/render-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint: see src/server/metrics/registry.ts for what it exposes. */
export async function GET(req: Request) {
  const config = getConfig();
  const forwarded = ["x-forwarded-for", "forwarded", "x-real-ip"].some((name) => req.headers.has(name));
  const access = metricsAccess(
    { authorization: req.headers.get("authorization"), peer: knownPeerAddress(req), forwarded },
    config.metricsToken,
    config.trustedProxies,
  );
  if (access === "not_loopback") {
    return jsonError("forbidden", "Metrics are served to loopback connections only; set METRICS_TOKEN to scrape from elsewhere.");
  }
  if (access === "unauthenticated") {
    const refused = jsonError("unauthenticated", "Send Authorization: Bearer <METRICS_TOKEN>.");
    refused.headers.set("www-authenticate", 'Bearer realm="metrics"');
    return refused;
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" } });
}
