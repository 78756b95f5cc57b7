import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirInUseError } from "@/server/db/data-dir-lock";

describe("the DATA_DIR lock", () => {
  it("refuses a second process while the first holds it, naming the holder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clinicall-lock-"));
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(path.join(dir, "clinicall.lock"), String(holder.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${holder.pid}`));
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that has died, and releases it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clinicall-lock-"));
    const dead = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(path.join(dir, "clinicall.lock"), String(dead.pid));
    const release = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "clinicall.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(path.join(dir, "clinicall.lock"))).toBe(false);
  });
});
