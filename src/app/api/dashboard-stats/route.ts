import { getDashboardStats } from "@/server/analytics/get-dashboard-stats";
import { inDashboardWorkSlot } from "@/server/http/dashboard-work";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ actor }) => json(await inDashboardWorkSlot(() => getDashboardStats(actor))), {
  dashboardHeavy: true,
});
