import { checkHealth } from "@/server/health/check-health";
import { jsonError } from "@/server/http/error-response";
import { json } from "@/server/http/json";
import { observed } from "@/server/http/observe-request";
import { log } from "@/server/log";

export const dynamic = "force-dynamic";

export const GET = observed("/api/health", checkLiveness);

async function checkLiveness() {
  const report = await checkHealth();
  if (report.ok) return json(report.body);
  log.error({ reason: report.message }, "health check: database unavailable");
  return jsonError("database_unavailable", "The database cannot be reached.");
}
