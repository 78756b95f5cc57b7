"use client";

import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { LiveValidation } from "@/lib/use-live-validation";
import { HOURS_LIMITS } from "@/shared/schemas/working-hours";
import type { TimeRange } from "./hours-types";

export interface RangesEditorProps {
  /** e.g. "Monday" or "25 December", for screen-reader labels. */
  dayLabel: string;
  ranges: TimeRange[];
  /** The API path of this list, e.g. "days.1.ranges", for errors. */
  path: string;
  check: LiveValidation;
  readOnly: boolean;
  onChange: (ranges: TimeRange[]) => void;
}

/** The open ranges of one day: "09:00 – 13:00", "14:00 – 18:00", … with add and remove. */
export function RangesEditor({ dayLabel, ranges, path, check, readOnly, onChange }: RangesEditorProps) {
  const t = useTranslations();
  function set(index: number, key: keyof TimeRange, value: string) {
    check.touch(`${path}.${index}.${key}`);
    onChange(ranges.map((r, i) => (i === index ? { ...r, [key]: value } : r)));
  }

  function add() {
    const last = ranges[ranges.length - 1];
    const next = last
      ? { opens_at: last.closes_at === "24:00" ? "23:00" : last.closes_at, closes_at: "24:00" }
      : { opens_at: "09:00", closes_at: "17:00" };
    onChange([...ranges, next]);
  }

  return (
    <div className="space-y-1.5">
      {ranges.length === 0 && <p className="py-1.5 text-sm text-slate-500">{t("hours.closed")}</p>}
      {ranges.map((range, index) => {
        const error =
          check.errorFor(`${path}.${index}.opens_at`) ?? check.errorFor(`${path}.${index}.closes_at`) ?? check.errorFor(`${path}.${index}`);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a range has no id; its inputs are controlled, so a position key keeps no stale state.
          <div key={index} className="space-y-1">
            <div className="flex items-center gap-2">
              <TimeInput
                label={t("hours.opensAt", { day: dayLabel, n: index + 1 })}
                value={range.opens_at}
                invalid={Boolean(check.errorFor(`${path}.${index}.opens_at`))}
                readOnly={readOnly}
                onChange={(value) => set(index, "opens_at", value)}
              />
              <span className="text-slate-500" aria-hidden="true">
                –
              </span>
              <TimeInput
                label={t("hours.closesAt", { day: dayLabel, n: index + 1 })}
                value={range.closes_at}
                invalid={Boolean(check.errorFor(`${path}.${index}.closes_at`))}
                readOnly={readOnly}
                onChange={(value) => set(index, "closes_at", value)}
              />
              {!readOnly && (
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="size-8"
                  aria-label={t("hours.removeRange", { day: dayLabel, n: index + 1 })}
                  onClick={() => onChange(ranges.filter((_, i) => i !== index))}
                >
                  <X className="size-4" aria-hidden="true" />
                </Button>
              )}
            </div>
            {error && (
              <p className="text-[13px] font-medium text-red-600" role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {!readOnly && ranges.length < HOURS_LIMITS.rangesPerDay && (
        <Button
          type="button"
          size="sm"
          variant="ghost"
          onClick={add}
          // The accessible name starts with the visible words ("Add range on Saturday").
          aria-label={t("hours.addOn", { action: ranges.length === 0 ? t("hours.addHours") : t("hours.addRange"), day: dayLabel })}
        >
          <Plus className="size-3.5" aria-hidden="true" />
          {ranges.length === 0 ? t("hours.addHours") : t("hours.addRange")}
        </Button>
      )}
    </div>
  );
}

interface TimeInputProps {
  label: string;
  value: string;
  invalid: boolean;
  readOnly: boolean;
  onChange: (value: string) => void;
}

/** "HH:MM" as text, so "24:00" (midnight at the end of the day) can be typed. */
function TimeInput({ label, value, invalid, readOnly, onChange }: TimeInputProps) {
  return (
    <div className="w-20 shrink-0">
      <Input
        aria-label={label}
        value={value}
        invalid={invalid}
        readOnly={readOnly}
        inputMode="numeric"
        placeholder="09:00"
        maxLength={5}
        className="text-center tabular-nums"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
