import { describe, expect, it } from "vitest";
import { BoundedSlots } from "@/server/concurrency/bounded-slots";

class Busy extends Error {}

/** A promise and its resolve, to hold work in a slot for as long as the test wants. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("BoundedSlots", () => {
  it("runs at most `limit` at once, queues `maxQueue` more and refuses the rest at once", async () => {
    const slots = new BoundedSlots(2, 1, () => new Busy());
    const gates = [gate(), gate(), gate()];
    let peak = 0;
    let running = 0;
    const work = (g: ReturnType<typeof gate>) =>
      slots.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await g.opened;
        running--;
        return "done";
      });
    const first = work(gates[0]!);
    const second = work(gates[1]!);
    const third = work(gates[2]!); // queued
    await Promise.resolve();
    expect([slots.running, slots.queued]).toEqual([2, 1]);
    await expect(slots.run(async () => "refused?")).rejects.toBeInstanceOf(Busy);
    for (const g of gates) g.open();
    expect(await Promise.all([first, second, third])).toEqual(["done", "done", "done"]);
    expect(peak).toBe(2);
    expect([slots.running, slots.queued]).toEqual([0, 0]);
  });

  it("hands a released slot to the next in the queue, and a second release does nothing", async () => {
    const slots = new BoundedSlots(1, 5, () => new Busy());
    const release = await slots.acquire();
    let queuedGotIt = false;
    const queued = slots.acquire().then((next) => {
      queuedGotIt = true;
      return next;
    });
    await Promise.resolve();
    expect(queuedGotIt).toBe(false);
    release();
    release();
    const next = await queued;
    expect([slots.running, slots.queued]).toEqual([1, 0]);
    next();
    expect(slots.running).toBe(0);
  });

  it("frees the slot when the work throws", async () => {
    const slots = new BoundedSlots(1, 0, () => new Busy());
    await expect(slots.run(async () => Promise.reject(new Error("failed")))).rejects.toThrow("failed");
    expect(await slots.run(async () => "again")).toBe("again");
  });
});
