import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
/** A fresh embedded database runs initdb in the child: seconds when idle, a minute or more on a loaded machine. */
const CHILD_TIMEOUT_MS = 240_000;

/** `npm run db:migrate` as an operator would run it, with a bad environment. */
async function migrateWith(env: Record<string, string>) {
  try {
    await run(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/migrate.ts"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test", ...env },
      timeout: CHILD_TIMEOUT_MS,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("operator mistakes end in one clear line, not a stack trace", () => {
  it.each([
    [{ DATABASE_URL: "not a url" }, /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection string/],
    [{ DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing" }, /Cannot reach the Postgres server in DATABASE_URL: connection refused/],
    [{ DATA_DIR: "/dev/null/clinicall" }, /DATA_DIR .* not/],
  ])(
    "%o",
    async (env, message) => {
      const result = await migrateWith(env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack frames
    },
    CHILD_TIMEOUT_MS + 10_000,
  );

  it(
    "migrates a fresh embedded database in DATA_DIR and exits 0",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "clinicall-op-"));
      writeFileSync(path.join(dir, "encryption.key"), Buffer.alloc(32, 7).toString("base64"));
      const ok = await migrateWith({ DATA_DIR: dir });
      expect(ok.code).toBe(0);
    },
    CHILD_TIMEOUT_MS + 10_000,
  );
});
