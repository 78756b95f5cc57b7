import type { Actor } from "@/server/db/access";
import { getAnalytics } from "./get-analytics";
import { getDashboardStats, type DashboardStatsJson } from "./get-dashboard-stats";
import type { AnalyticsJson } from "./get-analytics";
import { clinicToday } from "./clinic-today";
import { addDays } from "@/server/working-hours/zoned-time";

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
