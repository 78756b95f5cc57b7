import { getDashboardStats } from "@/server/analytics/get-dashboard-stats";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ actor }) => json(await getDashboardStats(actor)));
