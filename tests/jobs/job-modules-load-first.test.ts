import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

// A job's module may enqueue another job or an email (billing's sync queues the owner's notice).
// The registry imports every job's module, so enqueueing must not need the registry at load
// time: whichever module a process loads first (a route, a job, a script), the rest must load.
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
