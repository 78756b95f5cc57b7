"use client";

import { CalendarX2, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import type { LiveValidation } from "@/lib/use-live-validation";
import { HOURS_LIMITS } from "@/shared/schemas/working-hours";
import type { ExceptionDraft } from "./hours-types";
import { RangesEditor } from "./ranges-editor";

export interface ExceptionsEditorProps {
  exceptions: ExceptionDraft[];
  check: LiveValidation;
  readOnly: boolean;
  /** Today in the clinic's timezone ("YYYY-MM-DD"), the default date of a new exception. */
  today: string;
  onChange: (exceptions: ExceptionDraft[]) => void;
}

/** Holidays (closed all day) and days with special hours; each replaces that date's weekly hours. */
export function ExceptionsEditor({ exceptions, check, readOnly, today, onChange }: ExceptionsEditorProps) {
  const t = useTranslations();
  const set = (index: number, changes: Partial<ExceptionDraft>) =>
    onChange(exceptions.map((e, i) => (i === index ? { ...e, ...changes } : e)));

  if (exceptions.length === 0 && readOnly) {
    return <p className="text-sm text-slate-500">{t("hours.special.none")}</p>;
  }
  return (
    <div className="space-y-3">
      {exceptions.length === 0 && (
        <div className="flex items-center gap-3 rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">
          <CalendarX2 className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
          {t("hours.special.empty")}
        </div>
      )}
      {exceptions.map((exception, index) => {
        const path = `exceptions.${index}`;
        const dayLabel = exception.label || exception.date || t("hours.special.fallbackName", { n: index + 1 });
        return (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: an exception has no id until saved; its inputs are controlled, so a position key keeps no stale state.
            key={index}
            className="rounded-lg border border-slate-200 p-3"
            aria-label={t("hours.special.fieldset", { day: dayLabel })}
          >
            <div className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start">
              <Field label={t("hours.special.date")} error={check.errorFor(`${path}.date`) ?? check.errorFor(path)}>
                <Input
                  type="date"
                  value={exception.date}
                  readOnly={readOnly}
                  onChange={(e) => {
                    check.touch(`${path}.date`);
                    set(index, { date: e.target.value });
                  }}
                />
              </Field>
              <Field label={t("hours.special.label")} optional error={check.errorFor(`${path}.label`)}>
                <Input
                  value={exception.label}
                  readOnly={readOnly}
                  maxLength={HOURS_LIMITS.labelMax + 10}
                  placeholder={t("hours.special.placeholder")}
                  onChange={(e) => {
                    check.touch(`${path}.label`);
                    set(index, { label: e.target.value });
                  }}
                />
              </Field>
              {!readOnly && (
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="sm:mt-6"
                  aria-label={t("hours.special.remove", { day: dayLabel })}
                  onClick={() => onChange(exceptions.filter((_, i) => i !== index))}
                >
                  <Trash2 className="size-4" aria-hidden="true" />
                </Button>
              )}
            </div>
            <div className="mt-3 grid gap-3 sm:grid-cols-[10rem_1fr]">
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <Switch
                  checked={exception.closed}
                  disabled={readOnly}
                  onCheckedChange={(closed) => {
                    check.touch(`${path}.ranges`);
                    set(index, {
                      closed,
                      ranges: !closed && exception.ranges.length === 0 ? [{ opens_at: "09:00", closes_at: "13:00" }] : exception.ranges,
                    });
                  }}
                />
                {t("hours.special.closedAllDay")}
              </label>
              {exception.closed ? (
                <p className="py-1.5 text-sm text-slate-500">{t("hours.special.closedNote")}</p>
              ) : (
                <div>
                  <RangesEditor
                    dayLabel={dayLabel}
                    ranges={exception.ranges}
                    path={`${path}.ranges`}
                    check={check}
                    readOnly={readOnly}
                    onChange={(ranges) => set(index, { ranges })}
                  />
                  {check.errorFor(`${path}.ranges`) && (
                    <p className="text-[13px] font-medium text-red-600">{check.errorFor(`${path}.ranges`)}</p>
                  )}
                </div>
              )}
            </div>
          </fieldset>
        );
      })}
      {!readOnly && exceptions.length < HOURS_LIMITS.exceptions && (
        <Button
          type="button"
          size="sm"
          variant="secondary"
          onClick={() => onChange([...exceptions, { date: today, closed: true, ranges: [], label: "" }])}
        >
          <Plus className="size-3.5" aria-hidden="true" />
          {t("hours.special.add")}
        </Button>
      )}
    </div>
  );
}
