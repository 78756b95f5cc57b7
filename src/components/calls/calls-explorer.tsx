"use client";

import { PhoneCall, SearchX } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useApiErrorText } from "@/lib/api-error-text";
import { CallDetailSheet } from "./call-detail-sheet";
import { CallFilterBar } from "./call-filter-bar";
import { type CallFilters, filtersProblem, filtersQuery, hasFilters, noFilters } from "./call-filters-query";
import { CallsTable } from "./calls-table";
import { useCallPages } from "./use-call-pages";

/** Keeps ?call=<id> in the address bar, so a call's details can be linked to and reloaded. */
function rememberSelection(id: string | null) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("call", id);
  else url.searchParams.delete("call");
  window.history.replaceState(window.history.state, "", url);
}

/** The Calls page: filters, the list (more pages load as you scroll) and a call's details. */
export function CallsExplorer({ initialCallId }: { initialCallId: string | null }) {
  const [filters, setFilters] = useState<CallFilters>(noFilters);
  const [selected, setSelected] = useState<string | null>(initialCallId);
  const query = filtersProblem(filters) ? null : filtersQuery(filters);
  const pages = useCallPages(query);
  const t = useTranslations();
  const errorText = useApiErrorText();

  const select = useCallback((id: string | null) => {
    setSelected(id);
    rememberSelection(id);
  }, []);

  const sentinel = useRef<HTMLDivElement>(null);
  const { hasMore, loadMore, loadingMore, error } = pages;
  // biome-ignore lint/correctness/useExhaustiveDependencies: pages.calls.length re-observes after each page, so a sentinel still in view loads the next one.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore || error) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && loadMore(), {
      rootMargin: "400px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, loadMore, error, pages.calls.length]);

  return (
    <div className="space-y-4">
      <CallFilterBar filters={filters} onChange={setFilters} />
      <Card>
        {pages.loading ? (
          <SkeletonRows rows={8} label={t("calls.loading")} />
        ) : pages.error && pages.calls.length === 0 ? (
          <CardContent>
            <Alert
              variant="danger"
              title={t("calls.loadFailed")}
              action={
                <Button size="sm" onClick={pages.reload}>
                  {t("calls.tryAgain")}
                </Button>
              }
            >
              {errorText(pages.error)}
            </Alert>
          </CardContent>
        ) : pages.calls.length === 0 ? (
          hasFilters(filters) ? (
            <EmptyState
              variant="plain"
              icon={SearchX}
              title={t("calls.noMatchTitle")}
              description={t("calls.noMatchDescription")}
              action={<Button onClick={() => setFilters(noFilters)}>{t("calls.clearFilters")}</Button>}
            />
          ) : (
            <EmptyState
              variant="plain"
              icon={PhoneCall}
              title={t("calls.emptyTitle")}
              description={t("calls.emptyDescription")}
              action={
                <Link href="/dashboard/phone-numbers" className={buttonClasses("secondary")}>
                  {t("calls.checkNumbers")}
                </Link>
              }
            />
          )
        ) : (
          <>
            <CallsTable calls={pages.calls} selectedId={selected} onSelect={select} />
            <div ref={sentinel} className="flex justify-center border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
              {pages.error ? (
                <span className="flex items-center gap-3 text-red-700" role="alert">
                  {errorText(pages.error)}
                  <Button size="sm" onClick={loadMore}>
                    {t("calls.tryAgain")}
                  </Button>
                </span>
              ) : loadingMore ? (
                <span className="flex items-center gap-2" role="status">
                  <Spinner /> {t("calls.loadingMore")}
                </span>
              ) : hasMore ? (
                <Button variant="ghost" size="sm" onClick={loadMore}>
                  {t("calls.loadMore")}
                </Button>
              ) : (
                <span>
                  {hasFilters(filters)
                    ? t("calls.allMatching", { count: pages.calls.length })
                    : t("calls.allShown", { count: pages.calls.length })}
                </span>
              )}
            </div>
          </>
        )}
      </Card>
      <CallDetailSheet callId={selected} onClose={() => select(null)} />
    </div>
  );
}
