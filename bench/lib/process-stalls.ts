// BENCH_STALLS_DIR=<dir>: a bench server process records its garbage collections of 5 ms or more
// and its event loop's stalls (a 10 ms timer that fired 30 ms or more late), with wall-clock
// times, and writes them to <dir>/<name>-<pid>.json when told to stop (SIGTERM): to line up a
// load suite's slowest calls with what the processes were doing. Unset, nothing is recorded.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PerformanceObserver, performance } from "node:perf_hooks";

interface Stall {
  at: number; // epoch ms when it began
  kind: string;
  ms: number;
}

export function recordStallsUntilStopped(name: string): void {
  const dir = process.env.BENCH_STALLS_DIR;
  if (!dir) return;
  const stalls: Stall[] = [];
  const epochOf = (t: number) => performance.timeOrigin + t;
  const gcKinds: Record<number, string> = { 1: "gc-minor", 2: "gc-major", 4: "gc-incremental", 8: "gc-weakcb" };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration < 5) continue;
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
      stalls.push({ at: epochOf(entry.startTime), kind: gcKinds[kind] ?? `gc-${kind}`, ms: entry.duration });
    }
  }).observe({ entryTypes: ["gc"] });
  let expected = performance.now() + 10;
  setInterval(() => {
    const now = performance.now();
    if (now - expected >= 30) stalls.push({ at: epochOf(expected), kind: "loop-stall", ms: now - expected });
    expected = now + 10;
  }, 10).unref();
  process.once("SIGTERM", () => {
    writeFileSync(path.join(dir, `${name}-${process.pid}.json`), JSON.stringify(stalls));
    process.exit(0);
  });
}
