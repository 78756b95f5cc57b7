"use client";

import { useCallback, useRef } from "react";
import useSWRInfinite from "swr/infinite";
import type { ApiError } from "@/lib/api-client";
import { fetchApi } from "@/lib/api-fetcher";
import type { CallLog, CallLogPage } from "@/lib/call-log-types";

const PAGE_SIZE = 30;

export interface CallPages {
  calls: CallLog[];
  /** First page loading (nothing to show yet). */
  loading: boolean;
  /** A later page loading. */
  loadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** The path of one page of calls matching `query`, or null when there is no such page. */
function pagePath(query: string | null, previous: CallLogPage | null): string | null {
  if (query === null) return null;
  if (previous && !previous.next_cursor) return null;
  const separator = query ? "&" : "";
  const after = previous?.next_cursor;
  return `/api/call-logs?limit=${PAGE_SIZE}${separator}${query}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`;
}

/**
 * The calls matching `query` (the API's query string), page after page by cursor, through
 * `useSWRInfinite`: a new query starts again from the first page (answers to an older query
 * land in that query's cache entry, never in this list), and a query seen before shows its
 * cached pages at once while they revalidate.
 */
export function useCallPages(query: string | null): CallPages {
  // While the filters are being edited into something invalid (query null), the last list stays.
  const lastQuery = useRef(query);
  if (query !== null) lastQuery.current = query;
  const shownQuery = query ?? lastQuery.current;
  const { data, error, isValidating, size, setSize, mutate } = useSWRInfinite<CallLogPage, ApiError>(
    (_index, previous: CallLogPage | null) => pagePath(shownQuery, previous),
    fetchApi<CallLogPage>,
    { revalidateFirstPage: false, shouldRetryOnError: false },
  );

  const pages = data ?? [];
  const calls = pages.flatMap((page) => page.calls);
  const hasMore = pages.length > 0 && Boolean(pages[pages.length - 1]?.next_cursor);
  const loading = shownQuery !== null && data === undefined && isValidating;
  const loadingMore = pages.length > 0 && size > pages.length && isValidating;

  const loadMore = useCallback(() => {
    if (!hasMore || loadingMore || isValidating) return;
    void setSize(pages.length + 1);
  }, [hasMore, loadingMore, isValidating, setSize, pages.length]);

  const reload = useCallback(() => {
    void mutate();
  }, [mutate]);

  return { calls, loading, loadingMore, error: error ?? null, hasMore, loadMore, reload };
}
