import { createInterface } from "node:readline";
import { spawnBenchProcess } from "./spawn-process";

/** The Vapi emulator in a child process: its URL, how many calls it created, and a way to stop it. */
export async function spawnVapiEmulator(
  apiKey: string,
): Promise<{ url: string; pid: number; callsCreated(): Promise<number>; close(): void }> {
  const { firstLine: url, child } = await spawnBenchProcess("vapi-emulator-process.ts", [apiKey]);
  const answers = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    url,
    pid: child.pid!,
    /** Asked of the process (vapi-emulator-process.ts): it keeps only its newest calls. */
    async callsCreated() {
      child.stdin!.write("count\n");
      const answer = await answers.next();
      return answer.done ? -1 : Number(answer.value);
    },
    close: () => child.kill(),
  };
}
