import { exportCallLogsCsv } from "@/server/call-logs/export-call-logs-csv";
import { CallLogsExportQuery, queryObject } from "@/server/call-logs/schemas";
import { streamInDashboardWorkSlot } from "@/server/http/dashboard-work";
import { withOrg } from "@/server/http/handler";
import { requestLocale } from "@/server/http/request-locale";

export const dynamic = "force-dynamic";

export const GET = withOrg(
  async (ctx) => {
    const { req, actor } = ctx;
    const query = CallLogsExportQuery.parse(queryObject(req.nextUrl));
    // The slot is held while the file streams (a slow download keeps it: the queue bound still answers 503).
    const body = await streamInDashboardWorkSlot(() => exportCallLogsCsv(actor, query, requestLocale(ctx)));
    const name = ["calls", query.from, query.to]
      .filter(Boolean)
      .join("-")
      .replace(/[^A-Za-z0-9-]/g, "");
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { dashboardHeavy: true },
);
