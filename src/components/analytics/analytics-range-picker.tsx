"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { focusRing } from "@/components/ui/styles";
import { cn } from "@/lib/cn";
import { type AnalyticsRange, presetRange, presets, rangeProblem } from "./analytics-range";

/** Preset periods, or two dates, and whether to count by day or by week. */
export function AnalyticsRangePicker({
  range,
  today,
  onChange,
}: {
  range: AnalyticsRange;
  today: string;
  onChange: (next: AnalyticsRange) => void;
}) {
  const t = useTranslations();
  const problem = rangeProblem(range);
  return (
    <div className="flex flex-wrap items-end gap-3">
      <fieldset aria-label={t("analytics.range.period")} className="mb-1.5 inline-flex rounded-lg bg-slate-100 p-1 text-sm">
        {presets.map((preset) => (
          <button
            key={preset.value}
            type="button"
            aria-pressed={range.preset === preset.value}
            onClick={() => onChange(presetRange(preset.value, today))}
            className={cn(
              "rounded-md px-3 py-1 font-medium text-slate-600 transition-colors hover:text-slate-900",
              range.preset === preset.value && "bg-white text-slate-900 shadow-xs",
              focusRing,
            )}
          >
            {t(preset.label)}
          </button>
        ))}
      </fieldset>
      <Field label={t("analytics.range.from")} className="w-40" error={problem ? t(problem) : null}>
        <Input
          type="date"
          value={range.from}
          max={today}
          onChange={(event) => onChange({ ...range, preset: "custom", from: event.target.value })}
        />
      </Field>
      <Field label={t("analytics.range.to")} className="w-40">
        <Input
          type="date"
          value={range.to}
          max={today}
          onChange={(event) => onChange({ ...range, preset: "custom", to: event.target.value })}
        />
      </Field>
      <Field label={t("analytics.range.countBy")} className="w-32">
        <Select
          value={range.granularity}
          options={[
            { value: "day", label: t("analytics.range.day") },
            { value: "week", label: t("analytics.range.week") },
          ]}
          onChange={(event) => onChange({ ...range, granularity: event.target.value as "day" | "week" })}
        />
      </Field>
    </div>
  );
}
