import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * PGlite has no cross-process lock: two processes on one data directory corrupt it.
 * This pid file refuses the second one with a clear message instead.
 */
export class DataDirInUseError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The start script holds the lock for the server it spawns and tells it so through this variable. */
export const INHERITED_LOCK_ENV = "CLINICALL_DATA_DIR_LOCK_PID";

export function acquireDataDirLock(dir: string): () => void {
  const file = path.join(/*turbopackIgnore: true*/ dir, "clinicall.lock");
  const inherited = process.env[INHERITED_LOCK_ENV];
  if (inherited && readHolder(file) === Number(inherited)) {
    return () => {}; // the start script that spawned this server holds it for us
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
        } catch {
          // already gone
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new DataDirInUseError(
          `Another Clinicall process (pid ${holder}) is already using the database in ${path.resolve(/*turbopackIgnore: true*/ dir)}. ` +
            "Stop it first, or set DATA_DIR to another directory.",
        );
      }
      rmSync(file, { force: true }); // left behind by a process that has died
    }
  }
  throw new DataDirInUseError(`Could not lock ${path.resolve(/*turbopackIgnore: true*/ dir)}; is another Clinicall starting?`);
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
