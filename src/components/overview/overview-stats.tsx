import { CalendarClock, PhoneCall, PhoneIncoming, Timer } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { StatCard } from "@/components/analytics/stat-card";
import type { DashboardStats } from "@/lib/call-log-types";
import { useFormatters } from "@/lib/formatters";

/** The Overview's key numbers: what happened today and this week. */
export function OverviewStats({ stats }: { stats: DashboardStats }) {
  const { formatDuration, formatPercent } = useFormatters();
  const t = useTranslations();
  const format = useFormatter();
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="overview-stats">
      <StatCard
        label={t("overview.stats.callsToday")}
        value={format.number(stats.calls_today)}
        note={t("overview.stats.last7", { count: format.number(stats.calls_last_7_days) })}
        icon={PhoneIncoming}
      />
      <StatCard
        label={t("overview.stats.answered")}
        value={formatPercent(stats.answered_rate_7d)}
        note={t("overview.stats.answeredNote")}
        icon={PhoneCall}
      />
      <StatCard
        label={t("overview.stats.averageCall")}
        value={formatDuration(stats.avg_duration_seconds_7d)}
        note={t("overview.stats.last7Short")}
        icon={Timer}
      />
      <StatCard
        label={t("overview.stats.upcoming")}
        value={format.number(stats.appointments_upcoming)}
        note={stats.calendar_connected ? t("overview.stats.fromNow") : t("overview.stats.connectToBook")}
        icon={CalendarClock}
      />
    </div>
  );
}
