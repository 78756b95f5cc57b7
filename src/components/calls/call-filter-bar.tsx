"use client";

import { Download, Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { outcomeLabelKeys } from "@/lib/outcome-label-keys";
import { type CallOutcome, callOutcomes } from "@/shared/ended-reasons";
import { type CallFilters, filtersProblem, filtersQuery, hasFilters, noFilters } from "./call-filters-query";

const SEARCH_DELAY_MS = 300;

/**
 * Search (caller number or words from the transcript), outcome and date range, plus the CSV
 * export of exactly what is filtered. Typing waits a moment before searching.
 */
export function CallFilterBar({ filters, onChange }: { filters: CallFilters; onChange: (next: CallFilters) => void }) {
  const [typed, setTyped] = useState(filters.q);
  const t = useTranslations();
  const outcomeOptions = [
    { value: "", label: t("calls.filter.all") },
    ...callOutcomes.map((outcome) => ({ value: outcome, label: t(outcomeLabelKeys[outcome]) })),
  ];
  useEffect(() => setTyped(filters.q), [filters.q]);
  useEffect(() => {
    if (typed === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: typed }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, filters, onChange]);

  const problem = filtersProblem(filters);
  const exportQuery = filtersQuery({ ...filters, q: typed });
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field label={t("calls.filter.search")} className="min-w-56 flex-1">
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
          <Input
            type="search"
            value={typed}
            maxLength={100}
            placeholder={t("calls.filter.placeholder")}
            className="pl-9"
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
      </Field>
      <Field label={t("calls.filter.outcome")} className="w-40">
        <Select
          value={filters.outcome}
          options={outcomeOptions}
          onChange={(event) => onChange({ ...filters, outcome: event.target.value as CallOutcome | "" })}
        />
      </Field>
      <Field label={t("calls.filter.from")} className="w-40" error={problem}>
        <Input
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => onChange({ ...filters, from: event.target.value })}
        />
      </Field>
      <Field label={t("calls.filter.to")} className="w-40">
        <Input
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => onChange({ ...filters, to: event.target.value })}
        />
      </Field>
      {/* mb-1.5: a Field keeps room under its control for an error message */}
      <div className="mb-1.5 flex gap-2">
        {hasFilters(filters) && (
          <Button variant="ghost" onClick={() => onChange(noFilters)}>
            <X aria-hidden="true" />
            {t("calls.filter.clear")}
          </Button>
        )}
        <a
          href={`/api/call-logs/export.csv${exportQuery ? `?${exportQuery}` : ""}`}
          className={buttonClasses("secondary", "md")}
          download
          aria-disabled={problem ? true : undefined}
          onClick={(event) => problem && event.preventDefault()}
        >
          <Download aria-hidden="true" />
          {t("calls.filter.export")}
        </a>
      </div>
    </div>
  );
}
