"use client";

import { useCallback } from "react";
import useSWR, { type KeyedMutator } from "swr";
import type { ApiError } from "./api-client";
import { fetchApi } from "./api-fetcher";
import { busyRetryDelayMs } from "./busy-retry";

/**
 * Loads a GET endpoint through SWR: one request per path however many components read it
 * (deduplicated), revalidated when the tab regains focus, and kept in the shared cache so a
 * mutation elsewhere (`mutate("/api/intents")` from `useSWRConfig`) refreshes every reader.
 * `data` keeps the last good value while a reload runs, so lists don't flash empty.
 *
 *   const members = useApiResource<Member[]>("/api/organisation/members");
 *   if (members.loading && !members.data) return <SkeletonRows />;
 *
 * Pass `null` as the path to skip loading (e.g. a member may not list invitations). A server
 * component that already has the data passes it as `fallbackData`: no request on first paint.
 */
export interface ApiResource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Fetch again (and refresh every other reader of the same path). */
  reload: () => Promise<void>;
  /** Replace the data locally (optimistic updates), without a request. */
  setData: (update: (current: T | null) => T | null) => void;
  /** SWR's bound mutate, for callers that need more than reload/setData. */
  mutate: KeyedMutator<T>;
}

export interface ApiResourceOptions<T> {
  /** Data the server already loaded for this path; shown at once and revalidated on focus. */
  fallbackData?: T;
}

export function useApiResource<T>(path: string | null, options: ApiResourceOptions<T> = {}): ApiResource<T> {
  const { data, error, isValidating, mutate } = useSWR<T, ApiError>(path, fetchApi<T>, {
    fallbackData: options.fallbackData,
    keepPreviousData: true,
    // An error answer (401, 403, 422) does not get better by asking again; "Try again" reloads.
    // A 503 `busy` (the dashboard's heavy requests are all taken) does: asked again after the
    // Retry-After the server gave, a few times, so a surge is spread out instead of repeated.
    onErrorRetry: (error, _key, _config, revalidate, { retryCount }) => {
      const delay = busyRetryDelayMs(error, retryCount);
      if (delay !== null) setTimeout(() => void revalidate({ retryCount }), delay);
    },
    revalidateOnMount: options.fallbackData === undefined ? undefined : false,
  });

  const reload = useCallback(async () => {
    await mutate();
  }, [mutate]);
  const setData = useCallback(
    (update: (current: T | null) => T | null) => {
      void mutate((current) => update(current ?? null) ?? undefined, { revalidate: false });
    },
    [mutate],
  );

  return { data: data ?? null, error: error ?? null, loading: path !== null && isValidating, reload, setData, mutate };
}
