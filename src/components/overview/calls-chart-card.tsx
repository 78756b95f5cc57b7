"use client";

import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { CallsOverTimeChart } from "@/components/analytics/calls-over-time-chart";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import type { Analytics } from "@/lib/call-log-types";

/** Calls per day over the last 14 days of the clinic's calendar. */
export function CallsChartCard({ series }: { series: Analytics["series"] }) {
  const total = series.reduce((sum, bucket) => sum + bucket.calls, 0);
  return (
    <Card>
      <CardHeader
        as="h2"
        title="Last 14 days"
        description={total === 0 ? "No calls yet in the last two weeks." : `${total.toLocaleString("en")} calls, by day.`}
        actions={
          <Link href="/dashboard/analytics" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
            <BarChart3 className="size-3.5" aria-hidden="true" /> Analytics
          </Link>
        }
      />
      <CardContent>
        <CallsOverTimeChart series={series} granularity="day" height={220} />
      </CardContent>
    </Card>
  );
}
