import { describe, expect, it } from "vitest";
import { eventLoopTurn, recentEventLoopUtilisation } from "@/server/http/event-loop-load";

/** Keeps the event loop busy (no await) for `ms` of its own time. */
function spin(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe("the dashboard's turn on the event loop", () => {
  it("never waits with a limit of 1", async () => {
    spin(150);
    let resolved = false;
    void eventLoopTurn(1).then(() => {
      resolved = true;
    });
    await Promise.resolve();
    expect(resolved).toBe(true);
  });

  it("waits while the loop has been busier than the limit, and goes on once a sample shows room", async () => {
    recentEventLoopUtilisation(); // starts sampling (if the test above has not)
    spin(300); // the sample that covers this says the loop was busy
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 0)); // lets the sampler's overdue timer run
    const busy = recentEventLoopUtilisation();
    expect(busy).toBeGreaterThan(0.5);
    let resolvedWith: number | null = null;
    const turn = eventLoopTurn(0.5).then(() => {
      resolvedWith = recentEventLoopUtilisation();
    });
    expect(resolvedWith).toBeNull();
    await turn;
    expect(resolvedWith).not.toBeNull();
    expect(resolvedWith!).toBeLessThanOrEqual(0.5);
  });
});
