import { CalendarClock, PhoneCall, PhoneIncoming, Timer } from "lucide-react";
import { StatCard } from "@/components/analytics/stat-card";
import { formatDuration, formatPercent } from "@/lib/call-format";
import type { DashboardStats } from "@/lib/call-log-types";

/** The Overview's key numbers: what happened today and this week. */
export function OverviewStats({ stats }: { stats: DashboardStats }) {
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="overview-stats">
      <StatCard
        label="Calls today"
        value={stats.calls_today.toLocaleString("en")}
        note={`${stats.calls_last_7_days.toLocaleString("en")} in the last 7 days`}
        icon={PhoneIncoming}
      />
      <StatCard label="Answered" value={formatPercent(stats.answered_rate_7d)} note="Last 7 days, by the receptionist" icon={PhoneCall} />
      <StatCard label="Average call" value={formatDuration(stats.avg_duration_seconds_7d)} note="Last 7 days" icon={Timer} />
      <StatCard
        label="Upcoming appointments"
        value={stats.appointments_upcoming.toLocaleString("en")}
        note={stats.calendar_connected ? "From now on" : "Connect Google Calendar to book"}
        icon={CalendarClock}
      />
    </div>
  );
}
