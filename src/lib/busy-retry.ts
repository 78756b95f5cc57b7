import type { ApiError, ApiResult } from "./api-client";

/**
 * A 503 `busy` (the dashboard's heavy requests or the server's password hashing are all taken)
 * gets better by asking again: after the Retry-After the server gave, a few times, with a little
 * spread so that clients refused together do not all come back in the same instant.
 */
const BUSY_RETRIES = 3;

/** How long to wait before asking again after `error`, or null not to ask again. */
export function busyRetryDelayMs(error: ApiError, retryCount: number): number | null {
  if (error.code !== "busy" || retryCount > BUSY_RETRIES) return null;
  const advised = Number(error.details?.retry_after_seconds);
  const seconds = Number.isFinite(advised) && advised > 0 ? Math.min(advised, 30) : 5;
  // A little spread, so clients refused together do not all come back in the same instant.
  return Math.round(seconds * 1000 * (1 + Math.random() * 0.5));
}

/**
 * Runs `attempt`, and again after the advised delay while it answers 503 busy (at most
 * BUSY_RETRIES times); any other answer is returned as it came. A person signing in during a
 * surge waits a few seconds with the button busy instead of reading an error.
 */
export async function retryWhenBusy<T>(
  attempt: () => Promise<ApiResult<T>>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<ApiResult<T>> {
  for (let retry = 1; ; retry++) {
    const result = await attempt();
    const delay = result.ok ? null : busyRetryDelayMs(result.error, retry);
    if (delay === null) return result;
    await wait(delay);
  }
}
