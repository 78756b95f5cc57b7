// What a production build (.next) was made from, so `npm start` can tell a build older than the
// code: a SHA-256 of every file the build reads (below), written into .next after a build
// succeeds and compared at every start. `next build` empties .next (all but its cache) when it
// begins, so a build that fails leaves no fingerprint behind, and the next start builds again.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The folders and files `next build` compiles or reads, relative to the project's root. */
export const BUILD_INPUTS = [
  "src",
  "messages",
  "public",
  "next.config.ts",
  "next-env.d.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "package-lock.json",
] as const;

const FINGERPRINT_FILE = path.join(".next", "clinicall-build-fingerprint");

/** `entry` (a file or folder under `root`), or every file below it, as sorted paths relative to `root`. */
function filesOf(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile())
    .map((item) => path.relative(root, path.join(item.parentPath, item.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * The fingerprint of the sources under `root` as they are now: each build input's path and
 * contents (contents, not times: a checkout that touches files without changing them, or a copy
 * that keeps old times over new contents, both get the right answer).
 */
export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const entry of BUILD_INPUTS) {
    for (const file of filesOf(root, entry)) {
      const contents = readFileSync(path.join(root, file));
      hash.update(`${file}\0${contents.length}\0`);
      hash.update(contents);
    }
  }
  return hash.digest("hex");
}

/** Records what the build just made in `root`/.next was made from (call after it succeeded). */
export function recordBuildFingerprint(root: string, fingerprint: string): void {
  writeFileSync(path.join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
}

export type BuildState = "current" | "missing" | "stale";

/**
 * Whether `root`/.next serves the code as it is now: `missing` when there is no finished build,
 * `stale` when the build has no fingerprint or one of other sources.
 */
export function buildState(root: string, fingerprint: string = sourceFingerprint(root)): BuildState {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) return "missing";
  const file = path.join(root, FINGERPRINT_FILE);
  if (!existsSync(file)) return "stale";
  return readFileSync(file, "utf8").trim() === fingerprint ? "current" : "stale";
}
