import { getAnalytics } from "@/server/analytics/get-analytics";
import { AnalyticsQuery } from "@/server/analytics/schemas";
import { queryObject } from "@/server/call-logs/schemas";
import { inDashboardWorkSlot } from "@/server/http/dashboard-work";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ req, actor }) => {
  const query = AnalyticsQuery.parse(queryObject(req.nextUrl));
  return json(await inDashboardWorkSlot(() => getAnalytics(actor, query)));
});
