import { describe, expect, it } from "vitest";
import { busyRetryDelayMs } from "@/lib/use-api-resource";

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
