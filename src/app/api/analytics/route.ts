import { getAnalytics } from "@/server/analytics/get-analytics";
import { AnalyticsQuery } from "@/server/analytics/schemas";
import { queryObject } from "@/server/call-logs/schemas";
import { inDashboardWorkSlot } from "@/server/http/dashboard-work";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { requestLocale } from "@/server/http/request-locale";

export const GET = withOrg(
  async (ctx) => {
    const query = AnalyticsQuery.parse(queryObject(ctx.req.nextUrl));
    return json(await inDashboardWorkSlot(() => getAnalytics(ctx.actor, query, new Date(), requestLocale(ctx))));
  },
  { dashboardHeavy: true },
);
