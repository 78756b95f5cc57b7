import { afterAll, beforeAll, vi } from "vitest";

/**
 * Pins this test file's clock at `instant` (ISO 8601) with `vi.useFakeTimers` and
 * `vi.setSystemTime`: `Date` starts there and moves on with real time, while timers stay real.
 * The routes, the emulators and the embedded database read this clock, so a test that books a
 * fixed date keeps it in the future whatever day the suite runs.
 */
export function pinClock(instant: string): void {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, advanceTimeDelta: 5 });
    vi.setSystemTime(new Date(instant));
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
