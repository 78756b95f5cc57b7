"use client";

import { Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { LiveValidation } from "@/lib/use-live-validation";
import { type TimeRange, weekdays } from "./hours-types";
import { RangesEditor } from "./ranges-editor";

export interface WeekGridProps {
  days: TimeRange[][];
  check: LiveValidation;
  readOnly: boolean;
  onChange: (days: TimeRange[][]) => void;
}

/** Monday to Sunday, each with any number of open ranges; a day without ranges is closed. */
export function WeekGrid({ days, check, readOnly, onChange }: WeekGridProps) {
  const t = useTranslations();
  const setDay = (day: number, ranges: TimeRange[]) => onChange(days.map((r, d) => (d === day ? ranges : r)));
  const copyMondayToWeekdays = () => onChange(days.map((r, d) => (d >= 1 && d <= 5 ? days[1]!.map((x) => ({ ...x })) : r)));

  return (
    <div>
      <ul className="divide-y divide-slate-100">
        {weekdays.map(({ day, name }) => (
          <li key={day} className="grid gap-2 py-3 sm:grid-cols-[8rem_1fr]" aria-label={t(name)}>
            <span className="pt-1.5 text-sm font-medium text-slate-800">{t(name)}</span>
            <RangesEditor
              dayLabel={t(name)}
              ranges={days[day] ?? []}
              path={`days.${day}.ranges`}
              check={check}
              readOnly={readOnly}
              onChange={(ranges) => setDay(day, ranges)}
            />
          </li>
        ))}
      </ul>
      {!readOnly && (
        <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={copyMondayToWeekdays}>
          <Copy className="size-3.5" aria-hidden="true" />
          {t("hours.copyMonday")}
        </Button>
      )}
    </div>
  );
}
