import { type ChildProcess, spawn } from "node:child_process";

export interface StartedProcess {
  child: ChildProcess;
  /** The line that said it is ready (an app process's URL, the worker's banner). */
  readyLine: string;
  /** Every line printed on stdout so far. */
  lines: () => string[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * Starts a TypeScript entry point (through tsx, with React's server condition as the server has it,
 * so `server-only` modules load) in a child process with `env` over this process's
 * environment, and resolves once it has printed a line matching `ready` on stdout (log lines may
 * come before it). Stderr is inherited.
 */
export async function startTsProcess(entry: string, env: Record<string, string | undefined>, ready: RegExp): Promise<StartedProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", entry], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let buffered = "";
  const readyLine = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n").find((l) => ready.test(l));
      if (line !== undefined) resolve(line.trim());
    });
    void exited.then((code) => reject(new Error(`${entry} exited (${code}) before it was ready`)));
  });
  return {
    child,
    readyLine,
    lines: () => buffered.split("\n").filter(Boolean),
    exited,
    stop: (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
