import { listAuditEvents } from "@/server/audit/list-audit-events";
import { AuditQuery } from "@/server/audit/schemas";
import { queryObject } from "@/server/call-logs/schemas";
import { inDashboardWorkSlot } from "@/server/http/dashboard-work";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

/** The clinic's audit log, newest first (owners only). */
export const GET = withOrg(
  async ({ req, actor }) => {
    const query = AuditQuery.parse(queryObject(req.nextUrl));
    return json(await inDashboardWorkSlot(() => listAuditEvents(actor, query)));
  },
  { role: "owner" },
);
