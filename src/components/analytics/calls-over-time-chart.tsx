"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Analytics } from "@/lib/call-log-types";
import { axisProps, bucketLabel, chartColours } from "./chart-theme";

/** Calls per day (or week) with the calls that booked an appointment beside them. */
export function CallsOverTimeChart({
  series,
  granularity,
  height = 260,
}: {
  series: Analytics["series"];
  granularity: "day" | "week";
  height?: number;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const data = series.map((bucket) => ({
    ...bucket,
    label:
      granularity === "week"
        ? t("analytics.chart.weekOf", { day: bucketLabel(bucket.bucket, locale) })
        : bucketLabel(bucket.bucket, locale),
  }));
  const total = series.reduce((sum, bucket) => sum + bucket.calls, 0);
  return (
    <figure
      aria-label={
        granularity === "week" ? t("analytics.chart.perWeekLabel", { count: total }) : t("analytics.chart.perDayLabel", { count: total })
      }
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={2}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="label" {...axisProps} minTickGap={16} />
          <YAxis {...axisProps} allowDecimals={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} contentStyle={{ borderRadius: 8, fontSize: 13 }} />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="calls" name={t("analytics.chart.calls")} fill={chartColours.calls} radius={[3, 3, 0, 0]} maxBarSize={28} />
          <Bar dataKey="booked" name={t("analytics.chart.booked")} fill={chartColours.booked} radius={[3, 3, 0, 0]} maxBarSize={28} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
