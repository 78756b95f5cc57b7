"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch, type ApiError } from "./api-client";

/**
 * Loads a GET endpoint on mount and on `reload()`. `data` keeps the last good value while a
 * reload runs, so lists don't flash empty.
 *
 *   const members = useApiResource<Member[]>("/api/organisation/members");
 *   if (members.loading && !members.data) return <SkeletonRows />;
 *
 * Pass `null` as the path to skip loading (e.g. a member may not list invitations).
 */
export interface ApiResource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replace the data locally (optimistic updates), without a request. */
  setData: (update: (current: T | null) => T | null) => void;
}

export function useApiResource<T>(path: string | null): ApiResource<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (path === null) return;
      setLoading(true);
      const result = await apiFetch<T>(path, { signal });
      if (signal?.aborted) return;
      if (result.ok) {
        setDataState(result.data);
        setError(null);
      } else {
        setError(result.error);
      }
      setLoading(false);
    },
    [path],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const reload = useCallback(() => load(), [load]);
  const setData = useCallback((update: (current: T | null) => T | null) => setDataState(update), []);

  return { data, error, loading, reload, setData };
}
