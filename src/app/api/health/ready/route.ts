import { checkReadiness } from "@/server/health/check-readiness";
import { json } from "@/server/http/json";
import { log } from "@/server/log";

export const dynamic = "force-dynamic";

/** Readiness: the database and the job runner (GET /api/health stays the cheap liveness check). */
export async function GET() {
  const report = await checkReadiness();
  if (report.ready) return json({ status: "ready", database: report.database, jobs: report.jobs });
  log.warn({ reasons: report.reasons }, "readiness check: not ready");
  return json({ status: "not_ready", database: report.database, jobs: report.jobs, reasons: report.reasons }, 503);
}
