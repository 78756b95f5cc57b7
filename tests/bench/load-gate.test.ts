import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LoadGate } from "../../bench/lib/calls-alone-and-loaded";

// The load suites' gate (bench/lib/calls-alone-and-loaded.ts): a paused load holds its clients and
// lets each go on where it left off; an alone phase starts once nothing is in flight.
describe("LoadGate", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it("lets clients through at once while running", async () => {
    expect(await new LoadGate().pass()).toBe(true);
  });

  it("holds a client that arrives during a pause and releases it as far after the resume as it came into the pause", async () => {
    const gate = new LoadGate();
    await gate.pause();
    await vi.advanceTimersByTimeAsync(300); // the client reaches the gate 300 ms into the pause
    let passed: boolean | undefined;
    void gate.pass().then((result) => {
      passed = result;
    });
    await vi.advanceTimersByTimeAsync(20_000); // the alone phase
    expect(passed).toBeUndefined();
    gate.resume();
    await vi.advanceTimersByTimeAsync(299);
    expect(passed).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(passed).toBe(true);
  });

  it("pauses only once no tracked request is in flight", async () => {
    const gate = new LoadGate();
    let finish: () => void = () => {};
    const request = gate.track(new Promise<void>((resolve) => (finish = resolve)));
    let idle = false;
    void gate.pause().then(() => {
      idle = true;
    });
    await settle();
    expect(idle).toBe(false);
    finish();
    await request;
    await settle();
    expect(idle).toBe(true);
  });

  it("stopped, ends a client's wait and refuses the next pass, also for a client held by a pause", async () => {
    const gate = new LoadGate();
    let slept = false;
    void gate.sleep(60_000).then(() => {
      slept = true;
    });
    await gate.pause();
    const held = gate.pass();
    gate.stop();
    await settle();
    expect(slept).toBe(true);
    expect(await held).toBe(false);
    expect(await gate.pass()).toBe(false);
  });
});
