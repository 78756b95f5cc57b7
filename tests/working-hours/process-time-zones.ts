import { afterAll, beforeAll, expect } from "vitest";

/**
 * Process TZ values the zoned-time tests run under: the code must give the same answers in
 * each. Node re-reads TZ when process.env.TZ is assigned, so Date's local methods follow it.
 */
export const PROCESS_TIME_ZONES = [
  { tz: "UTC", januaryOffset: 0 },
  { tz: "America/Los_Angeles", januaryOffset: 480 },
  { tz: "Europe/London", januaryOffset: 0 },
  { tz: "Asia/Tokyo", januaryOffset: -540 },
  { tz: "Australia/Lord_Howe", januaryOffset: -660 },
  { tz: "Pacific/Kiritimati", januaryOffset: -840 },
] as const;

/** Sets the process TZ for the enclosing describe block and checks it took effect. */
export function useProcessTimeZone(tz: string, januaryOffset: number): void {
  const original = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = tz;
    expect(new Date(2026, 0, 15, 12).getTimezoneOffset()).toBe(januaryOffset);
  });
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
}
