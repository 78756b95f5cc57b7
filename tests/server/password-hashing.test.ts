import { getPriority } from "node:os";
import { describe, expect, it, vi } from "vitest";
import { hashingSlots } from "@/server/auth/hashing-slots";
import { hashingThreadPriority } from "@/server/auth/hashing-threads";
import { hashPassword, verifyPassword } from "@/server/auth/passwords";
import { callWorkStarted, MAX_TURN_WAIT_MS } from "@/server/http/event-loop-load";

describe("password hashing on low-priority threads", () => {
  it("hashes with argon2id and verifies the right password only", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(stored, "correct horse battery staple")).resolves.toBe(true);
    await expect(verifyPassword(stored, "correct horse battery stapler")).resolves.toBe(false);
  });

  it("answers false, not an error, for a stored hash it cannot read and for an unknown user", async () => {
    await expect(verifyPassword("not-a-hash", "anything")).resolves.toBe(false);
    await expect(verifyPassword(null, "anything")).resolves.toBe(false);
  });

  it("verifies many at once, each against its own hash", async () => {
    const passwords = ["one", "two", "three", "four"];
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    const results = await Promise.all(passwords.flatMap((p, i) => [verifyPassword(hashes[i], p), verifyPassword(hashes[(i + 1) % 4], p)]));
    expect(results).toEqual([true, false, true, false, true, false, true, false]);
  });

  it.runIf(process.platform === "linux")("runs the hashes at nice 19 while the process's own thread keeps its priority", async () => {
    const before = getPriority();
    await hashPassword("priority check");
    await expect(hashingThreadPriority()).resolves.toBe(19);
    expect(getPriority()).toBe(before);
  });

  it("starts no hash while a call's webhook is being handled, until the turn has waited its longest", async () => {
    await hashPassword("warm the thread"); // the thread and the module are loaded before the clock starts
    const callEnded = callWorkStarted();
    try {
      const started = performance.now();
      await hashPassword("behind a call");
      // A call that never ends: the hash goes only as a starved turn, at the first sample after
      // MAX_TURN_WAIT_MS (a lower bound: a busy machine only makes it later).
      expect(performance.now() - started).toBeGreaterThanOrEqual(MAX_TURN_WAIT_MS);
    } finally {
      callEnded();
    }
  });

  it("rests the hashing slot after a hash, as long as the hash took, while calls are being answered", async () => {
    callWorkStarted()(); // a call's webhook just ended
    await hashPassword("after a call");
    expect(hashingSlots.running).toBe(1); // the answer is back, the slot still rests
    await vi.waitFor(() => expect(hashingSlots.running).toBe(0), { timeout: 5_000, interval: 5 });
  });

  it("runs hashes back to back when no call has been answered", async () => {
    vi.resetModules(); // fresh modules: no call ever handled
    const fresh = await import("@/server/auth/passwords");
    const slots = (await import("@/server/auth/hashing-slots")).hashingSlots;
    await fresh.hashPassword("no calls");
    expect(slots.running).toBe(0);
  });
});
