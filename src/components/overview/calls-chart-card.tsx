"use client";

import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { CallsOverTimeChart } from "@/components/analytics/calls-over-time-chart";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import type { Analytics } from "@/lib/call-log-types";

/** Calls per day over the last 14 days of the clinic's calendar. */
export function CallsChartCard({ series }: { series: Analytics["series"] }) {
  const total = series.reduce((sum, bucket) => sum + bucket.calls, 0);
  const t = useTranslations();
  return (
    <Card>
      <CardHeader
        as="h2"
        title={t("overview.chart.title")}
        description={total === 0 ? t("overview.chart.none") : t("overview.chart.total", { count: total })}
        actions={
          <Link href="/dashboard/analytics" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
            <BarChart3 className="size-3.5" aria-hidden="true" /> {t("nav.analytics")}
          </Link>
        }
      />
      <CardContent>
        <CallsOverTimeChart series={series} granularity="day" height={220} />
      </CardContent>
    </Card>
  );
}
