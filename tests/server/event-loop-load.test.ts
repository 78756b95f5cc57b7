import { describe, expect, it, vi } from "vitest";
import { eventLoopTurn, recentEventLoopUtilisation, turnBetweenCalls } from "@/server/http/event-loop-load";
import { loopTurnCounter } from "../helpers/loop-turns";

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

  it("lets a turn that needs only quiet calls pass turns that wait for a quieter loop", async () => {
    recentEventLoopUtilisation(); // starts sampling (if the tests above have not)
    spin(300);
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 0)); // lets the sampler's overdue timer run
    expect(recentEventLoopUtilisation()).toBeGreaterThan(0.5);
    let dashboardWent = false;
    const dashboard = eventLoopTurn(0.5).then(() => {
      dashboardWent = true;
    });
    let hashWent = false;
    void turnBetweenCalls().then(() => {
      hashWent = true;
    });
    await Promise.resolve();
    expect(hashWent).toBe(true); // no call is being handled: a hash need not wait for the loop
    expect(dashboardWent).toBe(false);
    await dashboard;
  });

  it("starts at most four turns in one turn of the event loop, and the rest in the next ones", async () => {
    vi.resetModules(); // a fresh module: no sample yet, so the loop has room
    const fresh = await import("@/server/http/event-loop-load");
    const loop = loopTurnCounter();
    const started: number[] = [];
    const turns = Array.from({ length: 10 }, () => fresh.eventLoopTurn(0.99).then(() => started.push(loop.now())));
    await Promise.resolve();
    expect(started).toEqual([0, 0, 0, 0]);
    await Promise.all(turns);
    loop.stop();
    expect(started).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
  });
});
