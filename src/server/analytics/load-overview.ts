import type { Actor } from "@/server/db/access";
import { addDays } from "@/server/working-hours/zoned-time";
import { clinicToday } from "./clinic-today";
import type { AnalyticsJson } from "./get-analytics";
import { getAnalytics } from "./get-analytics";
import { type DashboardStatsJson, getDashboardStats } from "./get-dashboard-stats";

export interface OverviewData {
  stats: DashboardStatsJson;
  /** Calls per day, the last 14 days of the clinic's calendar (today included). */
  lastTwoWeeks: AnalyticsJson["series"];
}

/** What the Overview shows beside the setup checklist, read as the signed-in member. */
export async function loadOverview(actor: Actor): Promise<OverviewData> {
  const { today } = await clinicToday(actor);
  const [stats, analytics] = await Promise.all([
    getDashboardStats(actor),
    getAnalytics(actor, { from: addDays(today, -13), to: today, granularity: "day" }),
  ]);
  return { stats, lastTwoWeeks: analytics.series };
}
