/** JSON shapes of the call-log, analytics and dashboard APIs, for pages (types only). */

export type { AnalyticsJson as Analytics } from "@/server/analytics/get-analytics";
export type { DashboardStatsJson as DashboardStats, SetupItem } from "@/server/analytics/get-dashboard-stats";
export type { SubscriptionStatusJson as SubscriptionStatus } from "@/server/analytics/get-subscription-status";
export type { CallLogJson as CallLog } from "@/server/call-logs/call-log-json";
export type { CallAppointmentJson as CallAppointment, CallLogDetailJson as CallLogDetail } from "@/server/call-logs/get-call-log";
export type { CallLogPage } from "@/server/call-logs/list-call-logs";
export type { TranscriptTurn } from "@/server/call-logs/transcript-turns";
