import { describe, expect, it } from "vitest";
import type { ApiResult } from "@/lib/api-client";
import { busyRetryDelayMs, retryWhenBusy } from "@/lib/busy-retry";

describe("the dashboard asks again after a 503 busy, as the server advised", () => {
  const busy = { code: "busy" as const, message: "busy", details: { retry_after_seconds: 5 } };

  it("waits the Retry-After (with up to half again as spread), a few times only", () => {
    for (let retry = 1; retry <= 3; retry++) {
      const delay = busyRetryDelayMs(busy, retry)!;
      expect(delay).toBeGreaterThanOrEqual(5000);
      expect(delay).toBeLessThanOrEqual(7500);
    }
    expect(busyRetryDelayMs(busy, 4)).toBeNull();
  });

  it("never retries other errors, and bounds a hostile or missing advice", () => {
    expect(busyRetryDelayMs({ code: "forbidden", message: "no" }, 1)).toBeNull();
    expect(busyRetryDelayMs({ ...busy, details: { retry_after_seconds: 1e9 } }, 1)).toBeLessThanOrEqual(45_000);
    expect(busyRetryDelayMs({ ...busy, details: {} }, 1)).toBeGreaterThanOrEqual(5000);
  });
});

describe("a form asks again while the server answers 503 busy (the sign-in form during a surge)", () => {
  const busy: ApiResult<string> = { ok: false, status: 503, error: { code: "busy", message: "busy", details: { retry_after_seconds: 2 } } };
  const waited: number[] = [];
  const wait = async (ms: number) => {
    waited.push(ms);
  };

  it("returns the first answer that is not busy, having waited the advised delay before each retry", async () => {
    waited.length = 0;
    const answers: ApiResult<string>[] = [busy, busy, { ok: true, status: 200, data: "signed in" }];
    await expect(retryWhenBusy(async () => answers.shift()!, wait)).resolves.toEqual({ ok: true, status: 200, data: "signed in" });
    expect(waited).toHaveLength(2);
    for (const ms of waited) expect(ms).toBeGreaterThanOrEqual(2000);
  });

  it("gives up after three retries and returns the busy answer, and never retries another error", async () => {
    waited.length = 0;
    let attempts = 0;
    const answer = (result: ApiResult<string>) => async () => {
      attempts++;
      return result;
    };
    await expect(retryWhenBusy(answer(busy), wait)).resolves.toEqual(busy);
    expect(attempts).toBe(4);
    const wrong: ApiResult<string> = { ok: false, status: 401, error: { code: "unauthenticated", message: "Wrong email or password." } };
    attempts = 0;
    await expect(retryWhenBusy(answer(wrong), wait)).resolves.toEqual(wrong);
    expect(attempts).toBe(1);
  });
});
