import { createInterface } from "node:readline";
import type { CallResult } from "./calls-alone-and-loaded";
import { spawnBenchProcess } from "./spawn-process";

/** Steady calls for `seconds`, each call's `at` counted from `atOffset` (steadyCalls, in the caller's process). */
export type PlaceCalls = (seconds: number, atOffset?: number) => Promise<CallResult[]>;

/**
 * The Twilio caller (twilioCaller's options) in a process of its own (caller-process.ts), so that
 * a load generated in the bench's process never delays the calls it measures. One request at a
 * time; `close` stops the process.
 */
export async function spawnCaller(options: { appUrl: string; numbers: string[]; authToken: string; sidPrefix: string }) {
  const { child } = await spawnBenchProcess("caller-process.ts", [], { CALLER_CONFIG: JSON.stringify(options) });
  const answers = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the caller process exited (${code})`))));
  exited.catch(() => {}); // observed by the request that is waiting, if any
  const placeCalls: PlaceCalls = async (seconds, atOffset = 0) => {
    child.stdin!.write(`${JSON.stringify({ seconds, atOffset })}\n`);
    const answer = await Promise.race([answers.next(), exited]);
    if (answer.done) throw new Error("the caller process closed its output");
    return JSON.parse(answer.value) as CallResult[];
  };
  return {
    placeCalls,
    pid: child.pid!,
    close() {
      child.stdin!.end();
      child.kill();
    },
  };
}
