"use client";

import { BarChart3, CalendarCheck, Clock, Download, PhoneCall, PhoneForwarded, Receipt, Timer } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useApiErrorText } from "@/lib/api-error-text";
import type { Analytics } from "@/lib/call-log-types";
import { useFormatters } from "@/lib/formatters";
import { useApiResource } from "@/lib/use-api-resource";
import { type AnalyticsRange, presetRange, rangeProblem, rangeQuery } from "./analytics-range";
import { AnalyticsRangePicker } from "./analytics-range-picker";
import { AppointmentTextsCard } from "./appointment-texts-card";
import { BusiestHoursChart } from "./busiest-hours-chart";
import { CallsOverTimeChart } from "./calls-over-time-chart";
import { LanguagesList } from "./languages-list";
import { OutcomesChart } from "./outcomes-chart";
import { StatCard } from "./stat-card";

/** The Analytics page: a period, its key numbers and charts, and the calls behind them as CSV. */
export function AnalyticsDashboard({ today, timeZone }: { today: string; timeZone: string }) {
  const [range, setRange] = useState<AnalyticsRange>(() => presetRange("30", today));
  const problem = rangeProblem(range);
  const analytics = useApiResource<Analytics>(problem ? null : `/api/analytics?${rangeQuery(range)}`);
  const data = analytics.data;
  const t = useTranslations();
  const errorText = useApiErrorText();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <AnalyticsRangePicker range={range} today={today} onChange={setRange} />
        <a
          href={`/api/call-logs/export.csv?${new URLSearchParams({ from: range.from, to: range.to })}`}
          className={buttonClasses("secondary", "md", "mb-1.5")}
          download
          aria-disabled={problem ? true : undefined}
          onClick={(event) => problem && event.preventDefault()}
        >
          <Download aria-hidden="true" />
          {t("analytics.export")}
        </a>
      </div>
      <p className="text-xs text-slate-500">{t("analytics.zoneNote", { zone: timeZone })}</p>

      {analytics.error && !analytics.loading ? (
        <Alert
          variant="danger"
          title={t("analytics.loadFailed")}
          action={
            <Button size="sm" onClick={() => void analytics.reload()}>
              {t("calls.tryAgain")}
            </Button>
          }
        >
          {errorText(analytics.error)}
        </Alert>
      ) : !data || (analytics.loading && !data) ? (
        <AnalyticsSkeleton />
      ) : data.totals.calls === 0 ? (
        <>
          <EmptyState icon={BarChart3} title={t("analytics.emptyTitle")} description={t("analytics.emptyDescription")} />
          {data.appointments.appointments > 0 && <AppointmentTextsCard texts={data.appointments} />}
        </>
      ) : (
        <>
          <AnalyticsBody data={data} loading={analytics.loading} />
          <AppointmentTextsCard texts={data.appointments} />
        </>
      )}
    </div>
  );
}

function AnalyticsBody({ data, loading }: { data: Analytics; loading: boolean }) {
  const { formatCost, formatDuration, formatPercent } = useFormatters();
  const { totals } = data;
  const answered = totals.answered;
  const t = useTranslations();
  const format = useFormatter();
  return (
    <div className={loading ? "opacity-60 transition-opacity" : undefined} aria-busy={loading}>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-5">
        <StatCard
          label={t("analytics.calls")}
          value={format.number(totals.calls)}
          note={t("analytics.answeredShare", { percent: formatPercent(totals.calls ? answered / totals.calls : null) })}
          icon={PhoneCall}
        />
        <StatCard
          label={t("analytics.conversion")}
          value={formatPercent(totals.booking_rate)}
          note={t("analytics.booked", { count: totals.appointments_booked })}
          icon={CalendarCheck}
        />
        <StatCard
          label={t("analytics.averageCall")}
          value={formatDuration(totals.avg_duration_seconds)}
          note={t("analytics.minutes", { count: totals.total_minutes })}
          icon={Timer}
        />
        <StatCard
          label={t("analytics.transfers")}
          value={format.number(totals.transfers)}
          note={
            totals.transfers
              ? t("analytics.transfersAnswered", { percent: formatPercent(totals.transfer_answer_rate) })
              : t("analytics.noTransfers")
          }
          icon={PhoneForwarded}
        />
        <StatCard
          label={t("analytics.cost")}
          value={formatCost(totals.cost)}
          note={t("analytics.perCall", { cost: formatCost(totals.calls ? totals.cost / totals.calls : null) })}
          icon={Receipt}
        />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title={data.range.granularity === "week" ? t("analytics.perWeek") : t("analytics.perDay")}
            description={t("analytics.perDescription")}
          />
          <CardContent>
            <CallsOverTimeChart series={data.series} granularity={data.range.granularity} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title={t("analytics.outcomes")} description={t("analytics.outcomesDescription")} />
          <CardContent>
            <OutcomesChart totals={totals} reasons={data.by_ended_reason} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader
            title={t("analytics.busiest")}
            description={t("analytics.busiestDescription")}
            actions={<Clock className="size-4 text-slate-400" aria-hidden="true" />}
          />
          <CardContent>
            <BusiestHoursChart hours={data.by_hour_of_day} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title={t("analytics.languages")} description={t("analytics.languagesDescription")} />
          <CardContent>
            <LanguagesList languages={data.by_language} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function AnalyticsSkeleton() {
  const t = useTranslations();
  return (
    <div role="status" className="space-y-6">
      <span className="sr-only">{t("analytics.loading")}</span>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-5">
        {[0, 1, 2, 3, 4].map((key) => (
          <Skeleton key={key} className="h-[92px] rounded-xl" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-80 rounded-xl lg:col-span-2" />
        <Skeleton className="h-80 rounded-xl" />
      </div>
    </div>
  );
}
