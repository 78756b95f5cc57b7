import { exportAuditCsv } from "@/server/audit/export-audit-csv";
import { AuditExportQuery } from "@/server/audit/schemas";
import { queryObject } from "@/server/call-logs/schemas";
import { streamInDashboardWorkSlot } from "@/server/http/dashboard-work";
import { withOrg } from "@/server/http/handler";

export const dynamic = "force-dynamic";

/** The audit log as CSV, with the list's filters (owners only; the export is audited too). */
export const GET = withOrg(
  async ({ req, actor }) => {
    const query = AuditExportQuery.parse(queryObject(req.nextUrl));
    const body = await streamInDashboardWorkSlot(() => exportAuditCsv(actor, query));
    const name = ["audit", query.from, query.to]
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
  { role: "owner" },
);
