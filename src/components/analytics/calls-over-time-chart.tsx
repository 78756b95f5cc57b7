"use client";

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
  const data = series.map((bucket) => ({
    ...bucket,
    label: granularity === "week" ? `w/c ${bucketLabel(bucket.bucket)}` : bucketLabel(bucket.bucket),
  }));
  const total = series.reduce((sum, bucket) => sum + bucket.calls, 0);
  return (
    <figure aria-label={`Calls per ${granularity}: ${total} in total`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={2}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="label" {...axisProps} minTickGap={16} />
          <YAxis {...axisProps} allowDecimals={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} contentStyle={{ borderRadius: 8, fontSize: 13 }} />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="calls" name="Calls" fill={chartColours.calls} radius={[3, 3, 0, 0]} maxBarSize={28} />
          <Bar dataKey="booked" name="Booked an appointment" fill={chartColours.booked} radius={[3, 3, 0, 0]} maxBarSize={28} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
