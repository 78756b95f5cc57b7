import { afterAll, vi } from "vitest";
import { resetConfigForTests } from "@/server/config";

/**
 * Unit test files share their worker's modules (`isolate: false`): each file starts from the
 * environment, clock and configuration the one before it found.
 */
const environment = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
  Object.assign(process.env, environment);
  vi.useRealTimers();
  resetConfigForTests();
});
