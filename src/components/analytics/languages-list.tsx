import { useTranslations } from "next-intl";
import type { Analytics } from "@/lib/call-log-types";
import { useFormatters } from "@/lib/formatters";

/** Calls by the language the caller spoke, as proportional bars. */
export function LanguagesList({ languages }: { languages: Analytics["by_language"] }) {
  const t = useTranslations();
  const { formatPercent, languageName } = useFormatters();
  const total = languages.reduce((sum, entry) => sum + entry.calls, 0);
  if (total === 0) return <p className="text-sm text-slate-500">{t("analytics.chart.noCallsInPeriod")}</p>;
  return (
    <ul className="space-y-3" aria-label={t("analytics.chart.byLanguage")}>
      {languages.map((entry) => {
        const share = entry.calls / total;
        return (
          <li key={entry.language} className="space-y-1">
            <div className="flex justify-between text-sm">
              <span className="text-slate-700">{languageName(entry.language)}</span>
              <span className="tabular-nums text-slate-900">
                {entry.calls} <span className="text-slate-500">({formatPercent(share)})</span>
              </span>
            </div>
            <div className="h-2 overflow-hidden rounded-full bg-slate-100">
              <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.max(2, share * 100)}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
