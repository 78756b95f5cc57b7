"use client";

import { useTranslations } from "next-intl";
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { outcomeColours } from "@/components/calls/outcome-badge";
import type { Analytics } from "@/lib/call-log-types";
import { outcomeLabelKeys } from "@/lib/outcome-label-keys";
import type { CallOutcome } from "@/shared/ended-reasons";

/** What became of the calls: a donut by outcome, with the top reasons in words beside it. */
export function OutcomesChart({ totals, reasons }: { totals: Analytics["totals"]; reasons: Analytics["by_ended_reason"] }) {
  const t = useTranslations();
  const slices: { outcome: CallOutcome; calls: number }[] = [
    { outcome: "completed" as const, calls: totals.completed },
    { outcome: "transferred" as const, calls: totals.transfers },
    { outcome: "missed" as const, calls: totals.missed },
    { outcome: "failed" as const, calls: totals.failed },
    { outcome: "in_progress" as const, calls: totals.in_progress },
  ].filter((slice) => slice.calls > 0);
  const data = slices.map((slice) => ({ ...slice, name: t(outcomeLabelKeys[slice.outcome]) }));
  return (
    <div className="space-y-4">
      <figure className="mx-auto max-w-[200px]" aria-label={data.map((slice) => `${slice.name}: ${slice.calls}`).join(", ")}>
        <ResponsiveContainer width="100%" height={180}>
          <PieChart>
            <Pie data={data} dataKey="calls" nameKey="name" innerRadius={50} outerRadius={80} paddingAngle={2} stroke="none">
              {data.map((slice) => (
                <Cell key={slice.outcome} fill={outcomeColours[slice.outcome]} />
              ))}
            </Pie>
            <Tooltip contentStyle={{ borderRadius: 8, fontSize: 13 }} />
          </PieChart>
        </ResponsiveContainer>
      </figure>
      <div className="space-y-3">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {data.map((slice) => (
            <li key={slice.outcome} className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-full" style={{ background: outcomeColours[slice.outcome] }} aria-hidden="true" />
              {slice.name} <span className="font-medium tabular-nums">{slice.calls}</span>
            </li>
          ))}
        </ul>
        <ol className="space-y-1 text-sm" aria-label={t("analytics.chart.commonEndings")}>
          {reasons.slice(0, 5).map((reason) => (
            <li key={`${reason.ended_reason}-${reason.outcome}`} className="flex justify-between gap-3 text-slate-600">
              <span className="truncate">{reason.label}</span>
              <span className="font-medium tabular-nums text-slate-900">{reason.calls}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
