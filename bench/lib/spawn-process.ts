import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Runs `bench/lib/<script>` with tsx in a process of its own and resolves with the first line it
 * prints (where it says how to reach it). Its stderr is the bench's; its stdin a pipe (a script
 * that takes requests reads them there); kill it with `child.kill()`.
 */
export async function spawnBenchProcess(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ firstLine: string; child: ChildProcess }> {
  const child = spawn(path.resolve(here, "../../node_modules/.bin/tsx"), ["--conditions=react-server", path.join(here, script), ...args], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "silent", ...env },
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n")[0];
      if (buffered.includes("\n") && line) {
        child.stdout!.off("data", onData);
        child.stdout!.resume(); // keep draining whatever else it prints
        resolve(line.trim());
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
  return { firstLine, child };
}
