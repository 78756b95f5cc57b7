import { apiFetch } from "./api-client";

/**
 * The SWR fetcher for GET endpoints: the data of a 2xx answer, or the API's error envelope
 * (ApiError, typed by src/shared/error-codes.ts) thrown so SWR keeps it as `error`.
 */
export async function fetchApi<T>(path: string): Promise<T> {
  const result = await apiFetch<T>(path);
  if (!result.ok) throw result.error;
  return result.data;
}
