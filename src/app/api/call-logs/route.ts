import { listCallLogs } from "@/server/call-logs/list-call-logs";
import { CallLogsQuery, queryObject } from "@/server/call-logs/schemas";
import { inDashboardWorkSlot } from "@/server/http/dashboard-work";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(
  async ({ req, actor }) => {
    const query = CallLogsQuery.parse(queryObject(req.nextUrl));
    return json(await inDashboardWorkSlot(() => listCallLogs(actor, query)));
  },
  { dashboardHeavy: true },
);
