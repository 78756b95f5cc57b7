"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, type ApiError } from "@/lib/api-client";
import type { CallLog, CallLogPage } from "@/lib/call-log-types";

export const PAGE_SIZE = 30;

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

/**
 * The calls matching `query` (the API's query string), page after page by cursor. A new query
 * starts again from the first page; answers to an older query are dropped.
 */
export function useCallPages(query: string | null): CallPages {
  const [calls, setCalls] = useState<CallLog[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(query !== null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);

  const fetchPage = useCallback(
    async (after: string | null) => {
      if (query === null) return;
      const mine = generation.current;
      busy.current = true;
      const separator = query ? "&" : "";
      const path = `/api/call-logs?limit=${PAGE_SIZE}${separator}${query}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`;
      const result = await apiFetch<CallLogPage>(path);
      if (mine !== generation.current) return;
      busy.current = false;
      setLoading(false);
      setLoadingMore(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setCalls((current) => (after ? [...current, ...result.data.calls] : result.data.calls));
      setCursor(result.data.next_cursor);
    },
    [query],
  );

  const restart = useCallback(() => {
    generation.current += 1;
    busy.current = false;
    setCalls([]);
    setCursor(null);
    setError(null);
    setLoading(true);
    void fetchPage(null);
  }, [fetchPage]);

  useEffect(() => {
    if (query === null) return;
    restart();
  }, [query, restart]);

  const loadMore = useCallback(() => {
    if (!cursor || busy.current) return;
    setLoadingMore(true);
    void fetchPage(cursor);
  }, [cursor, fetchPage]);

  return { calls, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload: restart };
}
