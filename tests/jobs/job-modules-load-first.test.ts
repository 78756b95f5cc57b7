import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

// A job's module may enqueue another job or an email (billing's sync queues the owner's notice).
// The registry imports every job's module; enqueue and the job runner read the job types
// (job-types.ts) and never reach a handler's module, so whichever module a process loads first
// (a route, a job, a script), the rest load, and no import cycle closes through the registry.
const registrySource = readFileSync(path.resolve(import.meta.dirname, "../../src/server/jobs/registry.ts"), "utf8");
const jobModules = [...registrySource.matchAll(/from "(@\/server\/[^"]+)"/g)].map((match) => match[1]!);

describe("job modules load in any order", () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it("the registry names at least the jobs this test knows of", () => {
    expect(jobModules).toContain("@/server/billing/sync-customer-job");
    expect(jobModules).toContain("@/server/email/email-send-job");
  });

  for (const modulePath of jobModules) {
    it(`${modulePath} loaded first, then the registry`, async () => {
      const loaded = (await import(/* @vite-ignore */ modulePath)) as Record<string, { name?: unknown }>;
      const definition = Object.values(loaded).find((value) => typeof value === "object" && typeof value?.name === "string");
      const { jobRegistry } = await import("@/server/jobs/registry");
      expect(definition).toBeDefined();
      expect(Object.values(jobRegistry)).toContain(definition);
    });
  }
});

const src = path.resolve(import.meta.dirname, "../../src");

/** The modules `file` imports, statically or with import(), resolved to files under src (packages skipped). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);
  return specifiers.flatMap((specifier) => {
    const base = specifier.startsWith("@/")
      ? path.join(src, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(file), specifier)
        : null;
    if (!base) return [];
    const found = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate));
    return found ? [found] : [];
  });
}

function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return seen;
}

describe("enqueue needs no job's handler", () => {
  it("neither enqueue nor the job runner reaches the registry or a job's module, so a handler may enqueue", () => {
    const jobFiles = [path.join(src, "server/jobs/registry.ts"), ...jobModules.map((m) => path.join(src, `${m!.slice(2)}.ts`))];
    for (const entry of ["server/jobs/enqueue.ts", "server/jobs/job-runner.ts"]) {
      const reached = reachableFrom(path.join(src, entry));
      expect(reached.size).toBeGreaterThan(3);
      expect(jobFiles.filter((file) => reached.has(file)).map((file) => path.relative(src, file))).toEqual([]);
    }
  });

  it("every job type has exactly one handler, made from that type", async () => {
    const { jobTypes } = await import("@/server/jobs/job-types");
    const { jobRegistry } = await import("@/server/jobs/registry");
    expect(Object.keys(jobRegistry).sort()).toEqual(Object.keys(jobTypes).sort());
    for (const [name, definition] of Object.entries(jobRegistry)) {
      const type = jobTypes[name as keyof typeof jobTypes];
      expect({ name, payload: definition.payload === type.payload, schedule: definition.schedule }).toEqual({
        name,
        payload: true,
        schedule: type.schedule,
      });
    }
  });
});
