import { readdirSync, readFileSync } from "node:fs";

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ: 100 on every Linux build we run). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, every thread) a live process has used so far; 0 where /proc is absent. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces: utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function processIds(): number[] {
  try {
    return readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return [];
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by a process and every live descendant (tsx runs the script in a child of its own). */
export function processTreeCpuSeconds(root: number): number {
  const all = processIds();
  const parents = new Map(all.map((pid) => [pid, parentOf(pid)]));
  const inTree = (pid: number): boolean => {
    for (let current = pid, depth = 0; current > 1 && depth < 16; current = parents.get(current) ?? 0, depth++) {
      if (current === root) return true;
    }
    return false;
  };
  return all.filter(inTree).reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
}

/** CPU seconds used so far by every live Postgres server process on this machine (backends, walwriter, ...). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of processIds()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") total += processCpuSeconds(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export interface CpuParticipant {
  name: string;
  /** CPU seconds used so far. */
  read(): number;
}

/** Snapshots of several participants' CPU time; `between(a, b)` gives each one's seconds from a to b. */
export function cpuMeter(participants: CpuParticipant[]) {
  return {
    snapshot: (): number[] => participants.map((p) => p.read()),
    between: (before: number[], after: number[]) => participants.map((p, i) => ({ name: p.name, seconds: after[i]! - before[i]! })),
  };
}

/** The bench's own process (the callers and, where they run here, the clients). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** The load suites' participants: the app server and Vapi emulator processes (with their children), the bench itself with its caller process, Postgres. */
export function loadSuiteCpuMeter(serverPid: number, vapiPid: number, callerPid: number) {
  return cpuMeter([
    { name: "app server", read: () => processTreeCpuSeconds(serverPid) },
    { name: "bench (callers and clients)", read: () => ownCpuSeconds() + processTreeCpuSeconds(callerPid) },
    { name: "Vapi emulator", read: () => processTreeCpuSeconds(vapiPid) },
    { name: "Postgres (every server process)", read: postgresCpuSeconds },
  ]);
}

/** A markdown table: CPU seconds per participant in each phase, and as cores (seconds / phase length). */
export function cpuTable(phases: { name: string; seconds: number; usage: { name: string; seconds: number }[] }[]): string {
  const names = phases[0]?.usage.map((u) => u.name) ?? [];
  const cell = (seconds: number, length: number) => `${seconds.toFixed(1)} s (${(seconds / length).toFixed(2)} cores)`;
  return [
    `| CPU used | ${phases.map((p) => p.name).join(" | ")} |`,
    `|---|${phases.map(() => "---").join("|")}|`,
    ...names.map((name, i) => `| ${name} | ${phases.map((p) => cell(p.usage[i]!.seconds, p.seconds)).join(" | ")} |`),
    `| **all** | ${phases
      .map((p) =>
        cell(
          p.usage.reduce((sum, u) => sum + u.seconds, 0),
          p.seconds,
        ),
      )
      .join(" | ")} |`,
  ].join("\n");
}

/** Each participant's CPU seconds summed over several phases (each as `between` gives it). */
export function sumUsage(phases: { name: string; seconds: number }[][]): { name: string; seconds: number }[] {
  return (phases[0] ?? []).map((first, i) => ({ name: first.name, seconds: phases.reduce((sum, usage) => sum + usage[i]!.seconds, 0) }));
}
