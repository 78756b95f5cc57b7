"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Analytics } from "@/lib/call-log-types";
import { axisProps, chartColours, hourLabel } from "./chart-theme";

/** Calls by hour of the day, in the clinic's time zone. */
export function BusiestHoursChart({ hours }: { hours: Analytics["by_hour_of_day"] }) {
  const t = useTranslations();
  const data = hours.map((entry) => ({ ...entry, label: hourLabel(entry.hour) }));
  const busiest = [...hours].sort((a, b) => b.calls - a.calls)[0];
  return (
    <figure
      aria-label={
        busiest && busiest.calls > 0
          ? t("analytics.chart.busiestLabel", { hour: hourLabel(busiest.hour), count: busiest.calls })
          : t("analytics.chart.noCallsByHour")
      }
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="label" {...axisProps} interval={2} />
          <YAxis {...axisProps} allowDecimals={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} contentStyle={{ borderRadius: 8, fontSize: 13 }} />
          <Bar dataKey="calls" name={t("analytics.chart.calls")} fill={chartColours.calls} radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
