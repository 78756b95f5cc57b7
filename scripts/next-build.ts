// The one way this project runs `next build`: `npm start`'s build and `npm run build` (deployments,
// `npm run test:e2e`) both come through here, so every finished build carries the fingerprint of
// the sources it was made from (build-fingerprint.ts) and `npm start` can tell whether it is current.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { recordBuildFingerprint, sourceFingerprint } from "./build-fingerprint";

export interface NextBuild {
  child: ChildProcess;
  /** The build's exit status; the fingerprint is written before it resolves with 0. */
  done: Promise<number>;
  started: number;
}

/**
 * Starts `next build` in `root`. `firstStart`: npm start's lighter kind (next.config.ts: no type
 * check, no build cache on disk, no telemetry; decision 014). The sources are fingerprinted before the build
 * reads them, so a file changed while it runs makes the next start build again.
 */
export function startNextBuild(root: string, options: { firstStart: boolean; fingerprint?: string }): NextBuild {
  const fingerprint = options.fingerprint ?? sourceFingerprint(root);
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: options.firstStart
      ? { ...process.env, CLINICALL_FIRST_START_BUILD: "1", NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" }
      : process.env,
  });
  const done = new Promise<number>((resolve) => {
    child.on("error", () => resolve(1));
    child.on("exit", (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (status === 0) recordBuildFingerprint(root, fingerprint);
      resolve(status);
    });
  });
  return { child, done, started: Date.now() };
}
