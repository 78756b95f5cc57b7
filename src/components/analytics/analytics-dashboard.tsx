"use client";

import { BarChart3, CalendarCheck, Clock, Download, PhoneCall, PhoneForwarded, Receipt, Timer } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCost, formatDuration, formatPercent } from "@/lib/call-format";
import type { Analytics } from "@/lib/call-log-types";
import { useApiResource } from "@/lib/use-api-resource";
import { type AnalyticsRange, presetRange, rangeProblem, rangeQuery } from "./analytics-range";
import { AnalyticsRangePicker } from "./analytics-range-picker";
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
          Export these calls (CSV)
        </a>
      </div>
      <p className="text-xs text-slate-500">Days and hours are in the clinic&apos;s time zone ({timeZone}).</p>

      {analytics.error && !analytics.loading ? (
        <Alert
          variant="danger"
          title="Analytics could not be loaded"
          action={
            <Button size="sm" onClick={() => void analytics.reload()}>
              Try again
            </Button>
          }
        >
          {analytics.error.message}
        </Alert>
      ) : !data || (analytics.loading && !data) ? (
        <AnalyticsSkeleton />
      ) : data.totals.calls === 0 ? (
        <EmptyState
          icon={BarChart3}
          title="No calls in this period"
          description="Charts are drawn from your clinic's real calls. Choose a longer period, or come back after the first calls."
        />
      ) : (
        <AnalyticsBody data={data} loading={analytics.loading} />
      )}
    </div>
  );
}

function AnalyticsBody({ data, loading }: { data: Analytics; loading: boolean }) {
  const { totals } = data;
  const answered = totals.completed + totals.transfers;
  return (
    <div className={loading ? "opacity-60 transition-opacity" : undefined} aria-busy={loading}>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-5">
        <StatCard
          label="Calls"
          value={totals.calls.toLocaleString("en")}
          note={`${formatPercent(totals.calls ? answered / totals.calls : null)} answered by the receptionist`}
          icon={PhoneCall}
        />
        <StatCard
          label="Booking conversion"
          value={formatPercent(totals.booking_rate)}
          note={`${totals.appointments_booked.toLocaleString("en")} appointment${totals.appointments_booked === 1 ? "" : "s"} booked`}
          icon={CalendarCheck}
        />
        <StatCard
          label="Average call"
          value={formatDuration(totals.avg_duration_seconds)}
          note={`${totals.total_minutes.toLocaleString("en")} minutes in all`}
          icon={Timer}
        />
        <StatCard
          label="Transferred to staff"
          value={totals.transfers.toLocaleString("en")}
          note={`${formatPercent(totals.calls ? totals.transfers / totals.calls : null)} of calls`}
          icon={PhoneForwarded}
        />
        <StatCard
          label="Cost"
          value={formatCost(totals.cost)}
          note={`${formatCost(totals.calls ? totals.cost / totals.calls : null)} per call`}
          icon={Receipt}
        />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={`Calls per ${data.range.granularity}`} description="With the calls that booked an appointment." />
          <CardContent>
            <CallsOverTimeChart series={data.series} granularity={data.range.granularity} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title="Outcomes" description="What became of the calls." />
          <CardContent>
            <OutcomesChart totals={totals} reasons={data.by_ended_reason} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader
            title="Busiest hours"
            description="When patients call, by hour of the day."
            actions={<Clock className="size-4 text-slate-400" aria-hidden="true" />}
          />
          <CardContent>
            <BusiestHoursChart hours={data.by_hour_of_day} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title="Languages" description="The language callers spoke." />
          <CardContent>
            <LanguagesList languages={data.by_language} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function AnalyticsSkeleton() {
  return (
    <div role="status" className="space-y-6">
      <span className="sr-only">Loading analytics</span>
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
